/**
 * The three documents of the live CDN, built from a night at a simulated instant, in the real JSON
 * shape (see `$NBA_DATA_DIR/live/`). Only what the replay can know is filled in; the NBA's extra
 * fields (arena, players, leaders) are left out, which the feed's schemas allow.
 */
import { isoClock } from '../game/clock.ts';
import { easternIso, easternParts, utcSeconds } from './eastern-time.ts';
import { gameStateAt, publishedCount, type GameState } from './game-state.ts';
import type { Night, NightGame } from './night.ts';

export type DocumentKind = 'scoreboard' | 'playbyplay' | 'boxscore' | 'schedule';

const LEAGUE = { leagueId: '00', leagueName: 'National Basketball Association' } as const;

/** `meta` as the CDN writes it; `time` is when the content last changed, so an unchanged document is byte-identical. */
export function meta(request: string, changedAt: number): Record<string, unknown> {
  const e = easternParts(changedAt);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { version: 1, code: 200, request, time: `${e.date} ${pad(e.hour)}:${pad(e.minute)}:${pad(e.second)}` };
}

export function scoreboardDocument(night: Night, t: number): Record<string, unknown> {
  let changedAt = night.opensAt;
  const games = night.games.map((game) => {
    const state = gameStateAt(game, t);
    changedAt = Math.max(changedAt, state.changedAt ?? 0);
    return {
      gameId: game.gameId,
      gameCode: game.gameCode,
      gameStatus: state.status,
      gameStatusText: state.statusText,
      period: state.period,
      gameClock: gameClock(state),
      gameTimeUTC: utcSeconds(game.scheduledTip),
      gameEt: easternIso(game.scheduledTip),
      regulationPeriods: 4,
      homeTeam: team(game.homeTeam, state.homeScore, state.homePeriods),
      awayTeam: team(game.awayTeam, state.awayScore, state.awayPeriods),
    };
  });
  return {
    meta: meta('https://cdn.nba.com/static/json/liveData/scoreboard/todaysScoreboard_00.json', changedAt),
    scoreboard: { gameDate: night.date, ...LEAGUE, games },
  };
}

export function playByPlayDocument(game: NightGame, t: number): Record<string, unknown> {
  const shown = game.actions.slice(0, publishedCount(game, t));
  return {
    meta: meta(`https://cdn.nba.com/static/json/liveData/playbyplay/playbyplay_${game.gameId}.json`, shown.at(-1)?.publishAt ?? game.startsAt),
    // Copies: transforms may edit what is served without touching the night.
    game: { gameId: game.gameId, actions: shown.map((a) => ({ ...a.action })) },
  };
}

export function boxscoreDocument(game: NightGame, t: number): Record<string, unknown> {
  const state = gameStateAt(game, t);
  return {
    meta: meta(`https://cdn.nba.com/static/json/liveData/boxscore/boxscore_${game.gameId}.json`, state.changedAt ?? game.startsAt),
    game: {
      gameId: game.gameId,
      gameTimeUTC: utcSeconds(game.scheduledTip),
      gameEt: easternIso(game.scheduledTip),
      gameCode: game.gameCode,
      gameStatusText: state.statusText,
      gameStatus: state.status,
      regulationPeriods: 4,
      period: state.period,
      gameClock: state.status === 3 ? isoClock(0) : gameClock(state),
      homeTeam: { ...team(game.homeTeam, state.homeScore, state.homePeriods), statistics: { points: state.homeScore } },
      awayTeam: { ...team(game.awayTeam, state.awayScore, state.awayPeriods), statistics: { points: state.awayScore } },
    },
  };
}

/** `""` before the tip and after the end; between periods the CDN shows the stopped clock at 0. */
function gameClock(state: GameState): string {
  return state.secondsLeft === undefined ? '' : isoClock(state.secondsLeft);
}

function team(tricode: string, score: number, periods: readonly number[]): Record<string, unknown> {
  return {
    teamTricode: tricode,
    score,
    periods: periods.map((points, i) => ({ period: i + 1, periodType: i < 4 ? 'REGULAR' : 'OVERTIME', score: points })),
  };
}

