/**
 * The season's schedule as the CDN publishes it (`/static/json/staticData/scheduleLeagueV2.json`,
 * beside `liveData`, not under it): every game of the current season by date, preseason to finals.
 * Only what `data pull` reads is required; the NBA's many other fields (arenas, broadcasters,
 * leaders, `gameDate` in two different text forms) pass through untouched.
 */
import { z } from 'zod';
import { GameStatusCode } from './nba-schemas.ts';

export const ScheduledGame = z.looseObject({
  gameId: z.string().regex(/^\d{10}$/),
  gameStatus: GameStatusCode,
  gameStatusText: z.string().optional(),
  /** `YYYYMMDD/AWYHOM`. */
  gameCode: z.string().optional(),
});
export type ScheduledGame = z.infer<typeof ScheduledGame>;

export const ScheduleDocument = z.looseObject({
  leagueSchedule: z.looseObject({
    /** `2024-25`: the document only ever holds the season in progress (or the one just ended). */
    seasonYear: z.string(),
    gameDates: z.array(z.looseObject({ games: z.array(ScheduledGame) })),
  }),
});
export type ScheduleDocument = z.infer<typeof ScheduleDocument>;

export const SCHEDULE_FILE = 'scheduleLeagueV2.json';

/** The schedule's URL for a live-data base URL: `…/static/json/liveData` → `…/static/json/staticData/scheduleLeagueV2.json`. */
export function scheduleUrl(liveDataUrl: string): string {
  return new URL(`../staticData/${SCHEDULE_FILE}`, `${liveDataUrl.replace(/\/+$/, '')}/`).href;
}
