/**
 * `courtside watch`: the stream through the client SDK, drawn for a person. On a terminal, a
 * board redrawn in place (sized to it, redrawn on resize); anywhere else (a pipe, a file, a log
 * collector), one line per event. A server that never answers is one line and exit status 2; one
 * that drops after it answered is a "reconnecting" status while the SDK reconnects and resumes.
 */
import WebSocket from 'ws';
import { ClientError, CourtsideClient, type GameState, type ServerMessage, type UnknownMessage } from '../../packages/client/src/index.ts';
import { clockTime, eventLine, gameLine, type AnyMessage } from '../terminal/event-line.ts';
import { tonightText } from '../terminal/game-text.ts';
import { renderBoard, type Size } from './board.ts';
import { Screen } from './screen.ts';
import { streamUrl, WatchError } from './stream-url.ts';
import { ANSI, PLAIN } from './style.ts';

export interface WatchOptions {
  /** The stream, as typed (`ws://host:port`, `host:port`, a dashboard's `http://` address). */
  readonly url: string;
  /** One game to follow instead of every game. */
  readonly game?: string | undefined;
  /** The server's token, when it requires one. */
  readonly token?: string | undefined;
  /** Where the board or the lines go; a TTY gets the board. */
  readonly out: Pick<NodeJS.WriteStream, 'write'> & Partial<Pick<NodeJS.WriteStream, 'isTTY' | 'columns' | 'rows' | 'on' | 'off'>>;
  /** ANSI colours on the board. */
  readonly color?: boolean;
  /** Where the one line about a server that never answered goes (default stderr). */
  readonly problems?: (line: string) => void;
  readonly now?: () => Date;
}

export interface Watching {
  /** Resolves with the exit status: 0 after `stop()`, 2 when the server never answered. */
  readonly exited: Promise<number>;
  /** Stops watching: the board gives way to the shell's screen and the night's tally is printed. */
  stop(): Promise<void>;
}

/** How many notable events the board keeps for its lower pane. */
const RECENT = 50;
/** Messages come in bursts (a poll cycle): one frame per burst, not per message. */
const FRAME_MS = 100;
/** Routine traffic the board shows in its table, not as events (a per-minute forecast update would be one more). */
const ROUTINE = new Set(['score_update', 'pattern_progress', 'snapshot']);

/** Throws `WatchError` for a URL or game id that cannot work; everything later is reported, not thrown. */
export function watch(options: WatchOptions): Watching {
  const url = streamUrl(options.url);
  const now = options.now ?? (() => new Date());
  const out = options.out;
  const tty = out.isTTY === true;
  let problem: string | undefined;
  // The SDK sees only open/close; the cause of a failed attempt (ECONNREFUSED, a 401) is on `ws`'s error event.
  class Socket extends WebSocket {
    constructor(address: string) {
      super(address);
      this.on('open', () => (problem = undefined));
      this.on('error', (error) => (problem = error.message || String(error)));
    }
  }
  let client: CourtsideClient;
  try {
    client = new CourtsideClient({ url, WebSocket: Socket, games: options.game === undefined ? '*' : [options.game], ...(options.token === undefined ? {} : { token: options.token }) });
  } catch (error) {
    if (error instanceof ClientError && error.code === 'ERR_CLIENT_OPTION') {
      throw error.message.startsWith('token') ? new WatchError('watch_token', `--token: ${error.message}`) : new WatchError('watch_game', `--game: ${error.message}`);
    }
    throw error;
  }

  let finish!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (finish = resolve));
  let answered = false;
  let stopped = false;
  const recent: string[] = [];
  const screen = tty ? new Screen(out) : undefined;
  const style = options.color ? ANSI : PLAIN;
  const line = (text: string) => out.write(`${clockTime(now())} ${text}\n`);

  let frame: ReturnType<typeof setTimeout> | undefined;
  const draw = () => {
    frame = undefined;
    if (stopped || !screen) return;
    const size: Size = { columns: out.columns ?? 80, rows: out.rows ?? 24 };
    screen.draw(renderBoard({ url, connection: client.connection, problem, synced: client.synced, games: client.games.values(), recent, now: now() }, size, style));
  };
  const redraw = () => {
    if (screen && !frame && !stopped) frame = setTimeout(draw, FRAME_MS);
  };
  const ticker = screen ? setInterval(draw, 1000) : undefined;
  const resized = () => {
    screen?.invalidate();
    draw();
  };
  if (screen) out.on?.('resize', resized);

  const said = (message: AnyMessage, game: GameState | undefined) => {
    const text = eventLine(message, game);
    if (text === undefined) return;
    if (!screen) {
      line(text);
      if (message.type === 'snapshot') for (const g of client.games.values()) line(gameLine(g));
    } else if (!ROUTINE.has(message.type)) {
      recent.push(`${clockTime(now())} ${text}`);
      if (recent.length > RECENT) recent.shift();
    }
  };
  const gameOf = (message: { game_id?: unknown }) => (typeof message.game_id === 'string' ? client.game(message.game_id) : undefined);
  client.on('message', (message: ServerMessage) => {
    answered = true;
    said(message, gameOf(message as { game_id?: unknown }));
    redraw();
  });
  client.on('unknown', ({ message }: UnknownMessage) => {
    said(message as AnyMessage, gameOf(message));
    redraw();
  });
  client.on('invalid', ({ reason }) => said({ type: 'invalid', reason }, undefined));
  client.on('connection', (status) => {
    if (stopped) return;
    if (status.state === 'connected' && answered && !screen) line('connection open again; resuming where it was');
    if (status.state !== 'reconnecting' && status.state !== 'offline') return redraw();
    if (!answered) {
      // Never reached: nothing to wait for. Once it has answered, a drop is worth waiting out.
      const why = problem ?? (status.lastClose?.reason ? `closed by the server: ${status.lastClose.code} ${status.lastClose.reason}` : `closed (${status.lastClose?.code ?? 'no answer'})`);
      const hint = problem?.includes('ECONNREFUSED')
        ? '; is `courtside serve` running there?'
        : problem?.endsWith(': 401')
          ? `; the server wants its token: ${options.token === undefined ? 'pass --token or set COURTSIDE_TOKEN' : 'this one is not it'}`
          : '';
      void end(2, `courtside watch: no stream at ${url}: ${why}${hint}`);
      return;
    }
    if (!screen) line(`connection ${status.state}, next try in ${((status.retryInMs ?? 0) / 1000).toFixed(1)} s${problem ? ` (${problem})` : ''}`);
    redraw();
  });

  async function end(code: number, message?: string): Promise<void> {
    if (stopped) return exited.then(() => undefined);
    stopped = true;
    clearTimeout(frame);
    clearInterval(ticker);
    out.off?.('resize', resized);
    screen?.leave();
    await client.close();
    if (message) (options.problems ?? ((l: string) => process.stderr.write(`${l}\n`)))(message);
    else out.write(`${tonightText(client.games.values())}\n`);
    finish(code);
  }

  if (screen) draw();
  return { exited, stop: () => end(0) };
}
