/**
 * The documents of the NBA CDN, where they live relative to the live-data base URL and which
 * schema each answers with: the three live ones, and the season's schedule beside them.
 */
import type { z } from 'zod';
import { BoxscoreDocument, PlayByPlayDocument, ScoreboardDocument } from './nba-schemas.ts';
import { ScheduleDocument, scheduleUrl } from './schedule-schema.ts';

export const DEFAULT_BASE_URL = 'https://cdn.nba.com/static/json/liveData';

export type Endpoint = 'scoreboard' | 'playbyplay' | 'boxscore' | 'schedule';

export const ENDPOINT_SCHEMAS = {
  scoreboard: ScoreboardDocument,
  playbyplay: PlayByPlayDocument,
  boxscore: BoxscoreDocument,
  schedule: ScheduleDocument,
} as const satisfies Record<Endpoint, z.ZodType>;

export type EndpointDocument<E extends Endpoint> = z.infer<(typeof ENDPOINT_SCHEMAS)[E]>;

const GAME_ID = /^\d{10}$/;

/** `…/scoreboard/todaysScoreboard_00.json`, `…/playbyplay/playbyplay_0022000001.json`, `…/staticData/scheduleLeagueV2.json` */
export function endpointUrl(baseUrl: string, endpoint: Endpoint, gameId?: string): string {
  if (endpoint === 'scoreboard') return `${baseUrl}/scoreboard/todaysScoreboard_00.json`;
  if (endpoint === 'schedule') return scheduleUrl(baseUrl);
  if (gameId === undefined || !GAME_ID.test(gameId)) {
    const error = new TypeError(`gameId must be 10 digits (e.g. "0022000001"), got ${JSON.stringify(gameId)}`);
    throw Object.assign(error, { code: 'invalid_game_id' });
  }
  return `${baseUrl}/${endpoint}/${endpoint}_${gameId}.json`;
}
