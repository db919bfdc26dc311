/**
 * One line per stream message, for a person: `courtside watch`'s plain mode, its recent-events
 * pane, and `serve`'s forecast and verdict lines. A message type this table does not know (from
 * a newer server) still gets a line naming it; a new type is one more entry.
 */
import type { GameState, ServerMessage } from '../../packages/client/src/index.ts';
import { coverageText, forecastText, gameClock, leader, matchup, signed, teams } from './game-text.ts';

/** A message as received: a known one, or any other object with a `type` (an SDK's `unknown`). */
export type AnyMessage = ServerMessage | { readonly type: string; readonly [field: string]: unknown };

type Describe<M> = (message: M, game: GameState | undefined) => string | undefined;
type ByType = { [T in ServerMessage['type']]: Describe<Extract<ServerMessage, { type: T }>> };

/** What a game is called: its teams once known, its id before. */
function named(gameId: string, game: GameState | undefined): string {
  return game ? `${gameId} ${teams(game.data)}` : gameId;
}

/** Every type the SDK knows must have its line: a new wire message fails `tsc` until it has one. */
export const EVENT_LINES: ByType = {
  snapshot: (m) => `snapshot  ${m.games.length} game${m.games.length === 1 ? '' : 's'}${m.resumed === false ? ' (too far behind to resume: state replaced)' : ''}`,
  score_update: (m) => `score     ${m.game_id} ${matchup(m.data)} · ${gameClock(m.data)}`,
  pattern_progress: (m, game) => {
    const lead = m.pattern.at(-1);
    return `minute    ${named(m.game_id, game)} · minute ${m.pattern.length}${lead === undefined ? '' : ` · lead ${signed(lead)}`}${m.approximate ? ' · approximate' : ''}`;
  },
  ml_prediction: (m, game) =>
    `forecast  ${named(m.game_id, game)} · halftime lead ${forecastText(m.prediction)} ${coverageText(m.prediction)}${m.late ? ' · late' : ''}`,
  halftime_result: (m, game) => {
    const verdict = m.covered === null ? 'no forecast' : `${m.covered ? 'covered' : 'missed'} (forecast ${forecastText(m.forecast as NonNullable<typeof m.forecast>)}, off by ${Math.abs(m.error ?? 0).toFixed(1)})`;
    return `halftime  ${named(m.game_id, game)} · ${signed(m.actual)} ${verdict}${m.revised ? ' · revised' : ''}${m.approximate ? ' · approximate' : ''}`;
  },
  forecast_update: (m, game) => {
    const band = m.final_margin.quantiles;
    const home = game ? game.data.home_team : 'home';
    return `minute ${String(m.minute).padEnd(2)} ${named(m.game_id, game)} · final ${signed(m.final_margin.point, 1)} [${signed(band.q025, 1)}, ${signed(band.q975, 1)}] · ${home} wins ${(m.home_win_probability * 100).toFixed(0)}%`;
  },
  feed_status: (m) => `feed      ${m.state}${m.last_error ? ` since ${m.since.slice(11, 19)} UTC (${m.last_error.endpoint}: ${m.last_error.code})` : ''}`,
  error: (m) => `server    ${m.code}: ${m.message}`,
};

/** The line for one message, `game` being its game's state after it; undefined: nothing to say. */
export function eventLine(message: AnyMessage, game?: GameState): string | undefined {
  const describe = (EVENT_LINES as Partial<Record<string, Describe<AnyMessage>>>)[message.type];
  if (describe) return describe(message, game);
  const { type, seq: _seq, timestamp: _timestamp, game_id: gameId, ...fields } = message as Record<string, unknown>;
  const id = typeof gameId === 'string' ? ` ${named(gameId, game)}` : '';
  // Its plain fields as they come: enough to read until this table learns the type.
  const plain = Object.entries(fields).filter(([, v]) => v !== null && typeof v !== 'object');
  return `${String(type).padEnd(9)}${id}${plain.length ? ` · ${plain.map(([k, v]) => `${k}=${String(v)}`).join(' ')}` : ''}`.trimEnd();
}

/** One line per game of a snapshot: where each stands, its forecast and verdict. */
export function gameLine(game: GameState): string {
  const parts = [`game      ${game.game_id} ${matchup(game.data)} · ${gameClock(game.data)} · ${leader(game.data)}`];
  if (game.prediction) parts.push(`forecast ${forecastText(game.prediction.prediction)}`);
  if (game.halftime) parts.push(`halftime ${signed(game.halftime.actual)}${game.halftime.covered === null ? '' : game.halftime.covered ? ' covered' : ' missed'}`);
  return parts.join(' · ');
}

/** `07:01:02`: local time of day, as a person's clock shows it. */
export function clockTime(at: Date): string {
  return at.toTimeString().slice(0, 8);
}
