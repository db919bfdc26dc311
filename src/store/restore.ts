/** Rebuilds each game's restart state from its rows: the pattern comes from the stored minutes. */
import type { RestoredGame, StoredForecast, StoredHalftime } from '../service/store-port.ts';
import type { ForecastRow, GameRow, HalftimeRow, MinuteRow } from './rows.ts';
import { forecastFromRow, gameFromRow, halftimeFromRow } from './rows.ts';

export function assembleGames(games: GameRow[], minutes: MinuteRow[], forecasts: ForecastRow[], halftimes: HalftimeRow[]): RestoredGame[] {
  const minutesOf = groupBy(minutes);
  const forecastsOf = new Map<string, StoredForecast[]>();
  for (const row of forecasts) {
    const list = forecastsOf.get(row.game_id) ?? [];
    list.push(forecastFromRow(row));
    forecastsOf.set(row.game_id, list);
  }
  const halftimeOf = new Map<string, StoredHalftime>(halftimes.map((row) => [row.game_id, halftimeFromRow(row)]));
  return games.map((row) => ({
    game: gameFromRow(row),
    ...patternOf(minutesOf.get(row.game_id) ?? []),
    forecasts: forecastsOf.get(row.game_id) ?? [],
    halftime: halftimeOf.get(row.game_id) ?? null,
  }));
}

/** `rows` ordered by minute. Stops at the first missing minute: d(k+1) without dk is not a pattern. */
function patternOf(rows: readonly MinuteRow[]): { pattern: number[]; approximateMinutes: number[] } {
  const pattern: number[] = [];
  const approximateMinutes: number[] = [];
  for (const row of rows) {
    if (row.minute !== pattern.length + 1) break;
    pattern.push(row.differential);
    if (row.exact === 0) approximateMinutes.push(row.minute);
  }
  return { pattern, approximateMinutes };
}

function groupBy(rows: readonly MinuteRow[]): Map<string, MinuteRow[]> {
  const groups = new Map<string, MinuteRow[]>();
  for (const row of rows) {
    const list = groups.get(row.game_id);
    if (list) list.push(row);
    else groups.set(row.game_id, [row]);
  }
  return groups;
}
