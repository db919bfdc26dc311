/**
 * `courtside watch`'s screen as a pure function: the stream's state and the terminal's size in,
 * the lines to draw out (never wider than the terminal, never more lines than it has rows).
 * Narrow terminals lose the least needed columns first; short ones show the games that fit and
 * say how many more there are.
 */
import type { ConnectionStatus, GameState } from '../../packages/client/src/index.ts';
import { clockTime } from '../terminal/event-line.ts';
import { forecastText, gameClock, leader, matchup, patternBar, tonightText, verdictText } from '../terminal/game-text.ts';
import { PLAIN, type Style } from './style.ts';

/** Everything the screen shows; the feed's own state, once on the wire, would be one more field for the status line. */
export interface BoardState {
  /** The stream watched. */
  readonly url: string;
  readonly connection: ConnectionStatus;
  /** What went wrong with the last connection, in words (`connect ECONNREFUSED 127.0.0.1:8765`). */
  readonly problem?: string | undefined;
  /** True once the server's snapshot arrived. */
  readonly synced: boolean;
  readonly games: Iterable<GameState>;
  /** The latest notable events, oldest first, one line each. */
  readonly recent: readonly string[];
  readonly now: Date;
}

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

interface Column {
  readonly title: string;
  readonly width: number;
  /** Lower stays longer when the terminal is narrow. */
  readonly keep: number;
  readonly cell: (game: GameState) => string;
  readonly paint?: (game: GameState, text: string, style: Style) => string;
}

const GAP = '  ';

/** A new per-game figure (the whole-game forecast's win probability, say) is one more entry. */
const COLUMNS: readonly Column[] = [
  { title: 'GAME', width: 17, keep: 0, cell: (g) => matchup(g.data) },
  { title: 'CLOCK', width: 11, keep: 1, cell: (g) => gameClock(g.data), paint: (g, t, s) => (g.data.status === 'In Progress' ? s.bold(t) : t) },
  { title: 'LEAD', width: 10, keep: 4, cell: (g) => (g.data.status === 'Scheduled' ? '' : leader(g.data)) },
  // The minutes the 18:00 forecast waits for; once it has them, how far the game has gone.
  { title: 'PATTERN', width: 14, keep: 5, cell: (g) => (g.data.status === 'Scheduled' ? '' : g.pattern.length < 18 ? patternBar(g, 6) : `${g.pattern.length} minutes`) },
  { title: 'FORECAST (95%)', width: 20, keep: 2, cell: (g) => (g.prediction ? forecastText(g.prediction.prediction) : '') },
  {
    title: 'HALFTIME',
    width: 18,
    keep: 3,
    cell: (g) => (g.halftime ? verdictText(g.halftime) : ''),
    paint: (g, t, s) => (g.halftime?.covered === true ? s.green(t) : g.halftime?.covered === false ? s.red(t) : t),
  },
];

/** `text` cut to `width` columns, a `…` marking the cut. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The columns that fit in `width`, in their order, dropping the most expendable first. */
function span(columns: readonly Column[]): number {
  return columns.reduce((sum, c) => sum + c.width, 0) + GAP.length * (columns.length - 1);
}

export function columnsFor(width: number): readonly Column[] {
  const kept = [...COLUMNS];
  while (kept.length > 1 && span(kept) > width) {
    const drop = kept.reduce((worst, c) => (c.keep > worst.keep ? c : worst));
    kept.splice(kept.indexOf(drop), 1);
  }
  return kept;
}

/** One table row; a terminal narrower than even one column gets the row cut, unpainted. */
function row(cells: readonly string[], columns: readonly Column[], width: number, paint: (text: string, i: number) => string = (t) => t): string {
  const cut = cells.map((text, i) => fit(text, (columns[i] as Column).width));
  const pad = (text: string, i: number) => ' '.repeat((columns[i] as Column).width - text.length);
  if (span(columns) > width) return fit(cut.map((t, i) => t + pad(t, i)).join(GAP).trimEnd(), width);
  // Painted inside the padding, so a colour never runs on into the blanks.
  return cut.map((t, i) => (t ? paint(t, i) : '') + pad(t, i)).join(GAP).trimEnd();
}

/** Games in the order of the night: by tip-off, then id. */
export function nightOrder(games: Iterable<GameState>): GameState[] {
  return [...games].sort((a, b) => a.data.start_time.localeCompare(b.data.start_time) || a.game_id.localeCompare(b.game_id));
}

export function connectionText(state: Pick<BoardState, 'connection' | 'problem' | 'synced'>): string {
  const { connection: c, problem } = state;
  const why = problem ? ` (${problem})` : '';
  const wait = c.retryInMs === null ? '' : ` in ${(c.retryInMs / 1000).toFixed(1)} s`;
  switch (c.state) {
    case 'connecting':
      return 'connecting…';
    case 'connected':
      return state.synced ? 'live' : 'connected, waiting for the snapshot…';
    case 'reconnecting':
      return `reconnecting${wait}${why}`;
    case 'offline':
      return `offline, retrying${wait}${why}`;
    case 'closed':
      return 'closed';
  }
}

/** The lines of the screen, top to bottom: status, column titles, games, tally, recent events. */
export function renderBoard(state: BoardState, size: Size, style: Style = PLAIN): string[] {
  const width = Math.max(1, size.columns);
  const games = nightOrder(state.games);
  const live = state.connection.state === 'connected';
  const left = `Courtside · ${state.url} · ${connectionText(state)} · ${games.length} game${games.length === 1 ? '' : 's'}`;
  const right = clockTime(state.now);
  const status = left.length + 1 + right.length <= width ? `${left}${' '.repeat(width - left.length - right.length)}${right}` : fit(left, width);
  const lines = [live ? style.inverse(status) : style.yellow(style.inverse(status))];
  if (size.rows <= 1) return lines;

  const tally = fit(tonightText(games), width);
  const columns = columnsFor(width);
  const room = size.rows - 3; // status, titles, tally
  if (room < 1) return [...lines, tally].slice(0, size.rows);
  lines.push(style.bold(row(columns.map((c) => c.title), columns, width)));
  const shown = games.length <= room ? games : games.slice(0, room - 1);
  for (const game of shown) {
    lines.push(row(columns.map((c) => c.cell(game)), columns, width, (text, i) => columns[i]?.paint?.(game, text, style) ?? text));
  }
  if (shown.length < games.length) lines.push(style.dim(fit(`… ${games.length - shown.length} more game${games.length - shown.length === 1 ? '' : 's'}: a taller terminal shows them, or watch one with --game ID`, width)));
  if (games.length === 0) lines.push(style.dim(fit(state.synced ? 'no games on the server yet' : 'waiting for the server…', width)));
  lines.push(tally);

  const spare = size.rows - lines.length;
  if (spare >= 3 && state.recent.length > 0) {
    lines.push(style.bold(fit('RECENT · forecasts and leads are home minus away · Ctrl-C quits', width)));
    for (const line of state.recent.slice(-(spare - 1))) lines.push(style.dim(fit(line, width)));
  }
  return lines;
}
