/**
 * What a night's stream said about each game, with the timing taken out: which kinds of message
 * it got, its final pattern, its forecast and its halftime grade. Two runs of the same night
 * (the live feed, and a recording of it) must agree on all of it, whatever their poll timing.
 */
import type { ServerMessage } from '../../src/protocol/messages.ts';

export interface GameStream {
  readonly types: readonly string[];
  readonly pattern: readonly number[];
  readonly approximate: boolean;
  readonly forecast: unknown;
  readonly halftime: unknown;
}

export function foldNight(messages: readonly ServerMessage[]): Map<string, GameStream> {
  const games = new Map<string, { types: Set<string>; pattern: readonly number[]; approximate: boolean; forecast: unknown; halftime: unknown }>();
  for (const m of messages) {
    if (m.type === 'snapshot' || m.type === 'error') continue;
    const game = games.get(m.game_id) ?? { types: new Set<string>(), pattern: [], approximate: false, forecast: undefined, halftime: undefined };
    games.set(m.game_id, game);
    game.types.add(m.type);
    if (m.type === 'pattern_progress') Object.assign(game, { pattern: m.pattern, approximate: m.approximate });
    if (m.type === 'ml_prediction') game.forecast = { pattern: m.pattern, prediction: m.prediction, model_version: m.model_version, approximate: m.approximate };
    if (m.type === 'halftime_result') game.halftime = { actual: m.actual, forecast: m.forecast, error: m.error, covered: m.covered, approximate: m.approximate };
  }
  return new Map([...games].sort(([a], [b]) => a.localeCompare(b)).map(([id, g]) => [id, { ...g, types: [...g.types].sort() }]));
}
