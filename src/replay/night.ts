/**
 * A night to replay: every game of a date, converted to live-feed actions and timed on the
 * historical night (epoch ms), so that at any simulated instant the feed shows exactly what had
 * happened by then.
 */
import { elapsedSeconds } from '../game/clock.ts';
import { convertGame, type FeedAction, type MissingScore } from './convert.ts';
import { loadNightGames, loadSchedule, type LoadedGame, type LoadedGames } from './dataset.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { paceGame } from './pacing.ts';
import { loadPulledNight } from './pulled-night.ts';

export interface TimedAction {
  /** As served: with `timeActual` and `edited` stamped at `publishAt`. Never mutate: copy first. */
  readonly action: FeedAction;
  /** Simulated epoch ms at which the feed starts showing the action. */
  readonly publishAt: number;
  /** Elapsed game seconds at the action. */
  readonly elapsed: number;
}

export interface NightGame {
  readonly gameId: string;
  /** `YYYYMMDD/AWYHOM`, from the game's own date: it stays put when the game runs past midnight. */
  readonly gameCode: string;
  readonly gameDate: string;
  readonly season: string;
  readonly homeTeam: string;
  readonly awayTeam: string;
  /** Scheduled tip-off, epoch ms. */
  readonly scheduledTip: number;
  readonly pacing: 'stamps' | 'fallback';
  /** Why the recorded stamps were not used, for fallback games. */
  readonly pacingNote: string | undefined;
  /** In game (`orderNumber`) order; `publishAt` never decreases. The last one is the game end. */
  readonly actions: readonly TimedAction[];
  /** When the first action (the Q1 start) is published: the tip. */
  readonly startsAt: number;
  /** When the game end is published: the game is final from then on. */
  readonly endsAt: number;
  readonly missingScores: readonly MissingScore[];
}

export interface Night {
  readonly date: string;
  /** By scheduled tip, then game id. */
  readonly games: readonly NightGame[];
  /** Where a replay's clock starts: a few minutes before the first scheduled tip. */
  readonly opensAt: number;
  /** When the last game goes final. */
  readonly closesAt: number;
  /** Play-by-play game ids not in `minute_diffs.csv` (nothing to place them with). */
  readonly unplaced: readonly string[];
  /** Games of the date with no play-by-play rows. */
  readonly absent: readonly string[];
}

/** The official's "game end" follows the final buzzer's period end by about this much. */
export const GAME_END_DELAY_MS = 30_000;
export const OPEN_BEFORE_TIP_MS = 5 * 60_000;

/** The night from `pbp_<season>.csv`, or from the CDN documents of a pulled season (`pulled-night.ts`). */
export function loadNight(dataDir: string, date: string, schedule: readonly HistoricalGame[] = loadSchedule(dataDir)): Night {
  const pulled = loadPulledNight(dataDir, date, schedule);
  if (pulled) return nightOf(date, pulled.games, [], pulled.absent);
  return buildNight(date, loadNightGames(dataDir, date, schedule));
}

export function buildNight(date: string, loaded: LoadedGames): Night {
  return nightOf(date, loaded.games.map(timeGame), loaded.unplaced, loaded.absent);
}

/** A night of games already timed. */
export function nightOf(date: string, timed: readonly NightGame[], unplaced: readonly string[], absent: readonly string[]): Night {
  const games = [...timed].sort((a, b) => a.scheduledTip - b.scheduledTip || a.gameId.localeCompare(b.gameId));
  const first = games[0];
  return {
    date,
    games,
    opensAt: first ? Math.min(...games.map((g) => g.scheduledTip)) - OPEN_BEFORE_TIP_MS : 0,
    closesAt: Math.max(0, ...games.map((g) => g.endsAt)),
    unplaced,
    absent,
  };
}

export function timeGame(game: LoadedGame): NightGame {
  const { info } = game;
  const converted = convertGame(game.rows, { home: info.homeTeam, away: info.awayTeam });
  const played = converted.actions.slice(0, -1);
  const pacing = paceGame(
    played.map((a) => ({ period: a.action.period, secondsLeft: a.secondsLeft, wallClock: a.wallClock })),
    info.gameDate,
  );
  const timed: TimedAction[] = played.map((a, i) => ({
    action: stamped(a.action, pacing.publishAt[i] as number),
    publishAt: pacing.publishAt[i] as number,
    elapsed: elapsedSeconds(a.action.period, a.secondsLeft),
  }));
  const last = timed.at(-1);
  const endAt = (last?.publishAt ?? pacing.scheduledTip) + GAME_END_DELAY_MS;
  timed.push({ action: stamped(converted.actions.at(-1)?.action as FeedAction, endAt), publishAt: endAt, elapsed: last?.elapsed ?? 0 });
  return {
    ...gameIdentity(info),
    scheduledTip: pacing.scheduledTip,
    pacing: pacing.source,
    pacingNote: pacing.reason,
    actions: timed,
    startsAt: (timed[0] as TimedAction).publishAt,
    endsAt: (timed.at(-1) as TimedAction).publishAt,
    missingScores: converted.missingScores,
  };
}

/** Who plays when, as a night game names it. */
export function gameIdentity(info: HistoricalGame): Pick<NightGame, 'gameId' | 'gameCode' | 'gameDate' | 'season' | 'homeTeam' | 'awayTeam'> {
  return {
    gameId: info.gameId,
    gameCode: `${info.gameDate.replaceAll('-', '')}/${info.awayTeam}${info.homeTeam}`,
    gameDate: info.gameDate,
    season: info.season,
    homeTeam: info.homeTeam,
    awayTeam: info.awayTeam,
  };
}

/** Stamps the action as published: `timeActual` when it happened, `edited` when it was last written. */
function stamped(action: FeedAction, publishAt: number): FeedAction {
  const iso = new Date(publishAt).toISOString();
  // The converted action belongs to this game alone: stamping it in place spares a copy per action.
  action.timeActual = `${iso.slice(0, 21)}Z`;
  action.edited = `${iso.slice(0, 19)}Z`;
  return action;
}
