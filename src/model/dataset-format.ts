/**
 * `minute_diffs.csv` text from games: the inverse of `parseGames`, same columns, same plain
 * integers, one row per game in the order given.
 */
import { COLUMNS } from './dataset.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';

export function formatGame(g: HistoricalGame): string {
  return [g.gameId, g.season, g.gameDate, g.homeTeam, g.awayTeam, ...g.d, g.finalHome, g.finalAway, g.otPeriods].join(',');
}

/** The header, then every game; ends with a newline like the dataset's own file. */
export function formatGames(games: readonly HistoricalGame[]): string {
  return `${[COLUMNS.join(','), ...games.map(formatGame)].join('\n')}\n`;
}
