
import { setTimeout as delay } from 'node:timers/promises';
import { ScoreboardDocument } from '../../src/feed/nba-schemas.ts';
import { elapsedSeconds, parseClock } from '../../src/game/clock.ts';
import { CliProcess } from './cli-process.ts';
import { lastSeqSeen, broadcastFrames } from './stream-checks.ts';
import { TcpRelay } from './tcp-relay.ts';
import { Collector } from './ws-collector.ts';
import { BASELINE_MODEL } from '../../src/config/model.ts';

export const SERVE_READY = /stream ws:\/\/localhost:(\d+)/;

export class ReplayedNight {
  readonly feedUrl: string;
  /** Resolves once the replay listens; its night starts then. */
  readonly ready: Promise<void>;
  readonly #relay: TcpRelay;
  readonly #replay: CliProcess;
  #frozen = 0;

  private constructor(relay: TcpRelay, replay: CliProcess, readonly dataDir: string, readonly speed: number) {
    this.#relay = relay;
    this.#replay = replay;
    this.feedUrl = `http://127.0.0.1:${relay.port}/static/json/liveData`;
    this.ready = replay.waitFor(/feed URL: http:\/\/127\.0\.0\.1:(\d+)\//, 120_000).then((m) => relay.connectTo(Number(m[1])));
    // Observed by whoever awaits it; a failed start must not also surface as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  static async start(dataDir: string, date: string, speed: number): Promise<ReplayedNight> {
    const relay = await TcpRelay.start();
    const replay = new CliProcess(['replay', '--data', dataDir, '--date', date, '--speed', String(speed), '--port', '0']);
    return new ReplayedNight(relay, replay, dataDir, speed);
  }

  /**
   * `courtside serve` polling this night, on `port` (0: any), with the database `db`. The model
   * folder is an empty one beside `db`: the baseline serves, so start-up is short and the same
   * whether or not a trained model exists.
   */
  serve(db: string, port: number): CliProcess {
    return new CliProcess([
      'serve', '--source', 'nba', '--feed-url', this.feedUrl, '--speed', String(this.speed), '--db', db,
      '--port', String(port), '--host', '127.0.0.1', '--no-dashboard', '--log-level', 'warn',
      '--model', BASELINE_MODEL,
    ], { NBA_DATA_DIR: this.dataDir });
  }

  /**
   * Holds the replay still (SIGSTOP) while `fn` runs, so that services polling it publish
   * nothing new. Its simulated clock keeps running: the night is not delayed, only answered late.
   */
  async withFeedFrozen<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#frozen++ === 0) this.#replay.signal('SIGSTOP');
    try {
      return await fn();
    } finally {
      if (--this.#frozen === 0) this.#replay.signal('SIGCONT');
    }
  }

  /**
   * Elapsed game seconds of `gameId` as the replay's scoreboard shows it now: 0 before the tip,
   * Infinity once final. Read the way the service reads it, Referer included.
   */
  async elapsed(gameId: string): Promise<number> {
    const res = await fetch(`${this.feedUrl}/scoreboard/todaysScoreboard_00.json`, {
      headers: { referer: 'https://www.nba.com/', 'user-agent': 'Mozilla/5.0 (Courtside tests)' },
    });
    if (res.status !== 200) throw new Error(`replay scoreboard answered ${res.status}`);
    const game = ScoreboardDocument.parse(await res.json()).scoreboard.games.find((g) => g.gameId === gameId);
    if (!game) throw new Error(`${gameId} is not on the replay's scoreboard`);
    if (game.gameStatus === 1) return 0;
    if (game.gameStatus === 3) return Infinity;
    return elapsedSeconds(game.period, parseClock(game.gameClock));
  }

  async close(): Promise<void> {
    await this.#replay.kill();
    await this.#relay.close();
  }
}

/** Waits until the server at `url` has published nothing for a while. */
export async function untilQuiet(url: string, quietMs = 300): Promise<void> {
  const watcher = new Collector(url);
  await watcher.opened;
  let seen = -1;
  while (watcher.messages.length !== seen) {
    seen = watcher.messages.length;
    await delay(quietMs);
  }
  watcher.close();
}

export type ResumeBy = 'query' | 'message';

/**
 * Connects to `url` and resumes after `lastSeq` of `epoch`. `query` resumes in the handshake
 * (`?epoch=&last_seq=`), which is atomic. `message` sends `{"type":"resume"}` after the greeting;
 * the server rightly refuses to replay behind anything it already sent live on that connection,
 * so the feed is held still for that one exchange. Resolves once the replay has arrived (or a
 * snapshot refused it, for the caller to assert on).
 */
export async function resumeStream(night: ReplayedNight, url: string, epoch: string, lastSeq: number, by: ResumeBy): Promise<Collector> {
  if (by === 'query') {
    const client = new Collector(`${url}?epoch=${encodeURIComponent(epoch)}&last_seq=${lastSeq}`);
    await client.opened;
    return client;
  }
  return night.withFeedFrozen(async () => {
    await untilQuiet(url);
    const client = new Collector(url);
    await client.opened;
    client.socket.send(JSON.stringify({ type: 'resume', epoch, last_seq: lastSeq }));
    await client.until((ms) => {
      const greeting = ms[0];
      if (greeting?.type !== 'snapshot') return false;
      const refused = ms.some((m) => m.type === 'snapshot' && m.resumed === false);
      return refused || greeting.seq === lastSeq || lastSeqSeen(broadcastFrames(ms)) >= greeting.seq;
    }, 15_000);
    return client;
  });
}
