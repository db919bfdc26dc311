/**
 * The three documents of the NBA live CDN, where they live under the base URL and which schema
 * each answers with.
 */
import type { z } from 'zod';
import { BoxscoreDocument, PlayByPlayDocument, ScoreboardDocument } from './nba-schemas.ts';

export const DEFAULT_BASE_URL = 'https://cdn.nba.com/static/json/liveData';

export type Endpoint = 'scoreboard' | 'playbyplay' | 'boxscore';

export const ENDPOINT_SCHEMAS = {
  scoreboard: ScoreboardDocument,
  playbyplay: PlayByPlayDocument,
  boxscore: BoxscoreDocument,
} as const satisfies Record<Endpoint, z.ZodType>;

export type EndpointDocument<E extends Endpoint> = z.infer<(typeof ENDPOINT_SCHEMAS)[E]>;

const GAME_ID = /^\d{10}$/;

/** `…/scoreboard/todaysScoreboard_00.json`, `…/playbyplay/playbyplay_0022000001.json`, … */
export function endpointUrl(baseUrl: string, endpoint: Endpoint, gameId?: string): string {
  if (endpoint === 'scoreboard') return `${baseUrl}/scoreboard/todaysScoreboard_00.json`;
  if (gameId === undefined || !GAME_ID.test(gameId)) {
    const error = new TypeError(`gameId must be 10 digits (e.g. "0022000001"), got ${JSON.stringify(gameId)}`);
    throw Object.assign(error, { code: 'invalid_game_id' });
  }
  return `${baseUrl}/${endpoint}/${endpoint}_${gameId}.json`;
}
