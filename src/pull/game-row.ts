/**
 * A finished game's `minute_diffs.csv` row from its CDN documents, built by the tracker the live
 * service uses: the boxscore shown to it as the final scoreboard, the play-by-play as the last
 * poll. The row stands only if the tracker calls the pattern complete and exact, the pattern ends
 * on the boxscore's final margin, and the row passes the dataset's own validation; otherwise the
 * game is reported with what disagreed, never written.
 */
import { REGULATION_MINUTES } from '../domain/minutes.ts';
import { formatGame } from '../model/dataset-format.ts';
import { COLUMNS, parseGames } from '../model/dataset.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { ModelError } from '../model/errors.ts';
import { GameTracker } from '../game/game-tracker.ts';
import { REGULATION_PERIODS } from '../game/clock.ts';
import type { BoxscoreDocument, PlayByPlayDocument } from '../feed/nba-schemas.ts';

export type RowProblem = 'not_final' | 'wrong_game' | 'incomplete' | 'mismatch';

export type GameRow =
  | { readonly ok: true; readonly game: HistoricalGame }
  | { readonly ok: false; readonly problem: RowProblem; readonly detail: string };

export function gameRow(season: string, gameId: string, box: BoxscoreDocument, pbp: PlayByPlayDocument): GameRow {
  const g = box.game;
  if (g.gameId !== gameId || pbp.game.gameId !== gameId) {
    return fail('wrong_game', `asked for ${gameId}, the boxscore is ${g.gameId} and the play-by-play ${pbp.game.gameId}`);
  }
  if (g.gameStatus !== 3) return fail('not_final', `boxscore status ${g.gameStatus} (${String(g.gameStatusText ?? '').trim() || 'no status text'})`);
  const home = g.homeTeam;
  const away = g.awayTeam;
  const gameDate = dateOf(g);
  if (gameDate === undefined) return fail('incomplete', 'the boxscore has neither a gameCode nor a gameEt date');

  const tracker = new GameTracker({ gameId, homeTeam: home.teamTricode, awayTeam: away.teamTricode, gameDate, startTime: String(g.gameTimeUTC ?? '') });
  try {
    tracker.observeScoreboard({ gameStatus: 3, period: g.period, gameClock: '', homeScore: home.score, awayScore: away.score, statusText: String(g.gameStatusText ?? '') });
    tracker.observePlayByPlay(pbp.game.actions);
  } catch (error) {
    return fail('incomplete', `the tracker could not read the play-by-play: ${(error as Error).message}`);
  }
  const pattern = tracker.pattern;
  if (!tracker.complete) return fail('incomplete', `play-by-play gives ${pattern.length} minutes of a game that ended in period ${g.period}`);
  const finalMargin = home.score - away.score;
  if (pattern.at(-1) !== finalMargin) {
    return fail('mismatch', `the pattern ends at ${String(pattern.at(-1))}, the boxscore's final score is ${home.score}-${away.score} (${finalMargin})`);
  }
  const game: HistoricalGame = {
    gameId,
    season,
    gameDate,
    homeTeam: home.teamTricode,
    awayTeam: away.teamTricode,
    d: pattern.slice(0, REGULATION_MINUTES),
    finalHome: home.score,
    finalAway: away.score,
    otPeriods: Math.max(0, g.period - REGULATION_PERIODS),
  };
  // The dataset's own checks (tricodes, margins, d48 against the final and overtime), so a row
  // written is a row every reader of minute_diffs.csv accepts.
  try {
    parseGames(`${COLUMNS.join(',')}\n${formatGame(game)}\n`, `game ${gameId}`);
  } catch (error) {
    if (error instanceof ModelError) return fail('mismatch', error.message);
    throw error;
  }
  return { ok: true, game };
}

/** The game's own date (US Eastern): `gameCode` `YYYYMMDD/…`, else the date of `gameEt`. */
function dateOf(game: BoxscoreDocument['game']): string | undefined {
  const code = /^(\d{4})(\d{2})(\d{2})\//.exec(String(game.gameCode ?? ''));
  if (code) return `${code[1]}-${code[2]}-${code[3]}`;
  return /^(\d{4}-\d{2}-\d{2})T/.exec(String(game.gameEt ?? ''))?.[1];
}

function fail(problem: RowProblem, detail: string): GameRow {
  return { ok: false, problem, detail };
}
