/** The NBA's own paths, so `--feed-url http://127.0.0.1:P/static/json/liveData` is all a client changes. */
import type { DocumentKind } from './documents.ts';

export const LIVE_DATA_PATH = '/static/json/liveData';

export interface Route {
  readonly kind: DocumentKind;
  readonly gameId: string | undefined;
}

const SCOREBOARD = `${LIVE_DATA_PATH}/scoreboard/todaysScoreboard_00.json`;
/** The season's schedule sits beside `liveData`, not under it. */
export const SCHEDULE_PATH = '/static/json/staticData/scheduleLeagueV2.json';
const GAME_DOCUMENT = /^\/static\/json\/liveData\/(playbyplay|boxscore)\/(playbyplay|boxscore)_(\d{10})\.json$/;

/** The document a request path names, or undefined for any other path. */
export function routeOf(path: string): Route | undefined {
  if (path === SCOREBOARD) return { kind: 'scoreboard', gameId: undefined };
  if (path === SCHEDULE_PATH) return { kind: 'schedule', gameId: undefined };
  const m = GAME_DOCUMENT.exec(path);
  if (!m || m[1] !== m[2]) return undefined;
  return { kind: m[1] as DocumentKind, gameId: m[3] };
}
