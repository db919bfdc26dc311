/**
 * The CDN's season schedule (`/static/json/staticData/scheduleLeagueV2.json`) for the games the
 * fake CDN serves, at a simulated instant: grouped by date as the NBA writes it (`gameDate`
 * `MM/DD/YYYY 00:00:00`; the `…Est` fields are Eastern wall times written with a `Z`, as the NBA
 * does), each game with its status and score as of then. A night's fake CDN has a one-night
 * schedule; a season's (`season-cdn.ts`) has the whole small season.
 */
import { seasonOfDate } from '../model/season.ts';
import { meta } from './documents.ts';
import { easternParts, utcSeconds } from './eastern-time.ts';
import { gameStateAt } from './game-state.ts';
import type { Night, NightGame } from './night.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

export function scheduleDocument(night: Night, t: number): Record<string, unknown> {
  const byDate = new Map<string, NightGame[]>();
  for (const game of [...night.games].sort((a, b) => a.gameDate.localeCompare(b.gameDate) || a.scheduledTip - b.scheduledTip || a.gameId.localeCompare(b.gameId))) {
    byDate.set(game.gameDate, [...(byDate.get(game.gameDate) ?? []), game]);
  }
  const seasonYear = night.games[0]?.season ?? seasonOfDate(night.date) ?? '';
  return {
    meta: meta(`http://nba.cloud/league/00/${seasonYear}/scheduleleaguev2?Format=json`, night.opensAt),
    leagueSchedule: {
      seasonYear,
      leagueId: '00',
      gameDates: [...byDate].map(([date, games]) => ({
        gameDate: `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)} 00:00:00`,
        games: games.map((game, i) => scheduledGame(game, i + 1, t)),
      })),
    },
  };
}

function scheduledGame(game: NightGame, sequence: number, t: number): Record<string, unknown> {
  const state = gameStateAt(game, t);
  const tip = easternParts(game.scheduledTip);
  const time = `${pad(tip.hour)}:${pad(tip.minute)}:00`;
  return {
    gameId: game.gameId,
    gameCode: game.gameCode,
    gameStatus: state.status,
    gameStatusText: state.statusText,
    gameSequence: sequence,
    gameDateEst: `${game.gameDate}T00:00:00Z`,
    gameTimeEst: `1900-01-01T${time}Z`,
    gameDateTimeEst: `${game.gameDate}T${time}Z`,
    gameTimeUTC: utcSeconds(game.scheduledTip),
    gameDateTimeUTC: utcSeconds(game.scheduledTip),
    ifNecessary: false,
    homeTeam: { teamTricode: game.homeTeam, score: state.homeScore },
    awayTeam: { teamTricode: game.awayTeam, score: state.awayScore },
  };
}
