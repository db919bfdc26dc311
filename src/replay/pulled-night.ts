/**
 * A night of a season pulled from the CDN (`courtside data pull`), for the replay: each game's
 * play-by-play exactly as the CDN published it (every field of every action), paced by the actions'
 * own `timeActual` stamps, which is when each happened. Where the stamps are missing or not a
 * game's length, the game gets the replay's realistic pace from its clock instead. Games are those
 * of `minute_diffs.csv` on the date whose season has a `live_<season>` folder and no
 * `pbp_<season>.csv` (a play-by-play file, when there is one, stays what the replay serves).
 */
import { pulledGames, pulledSeasons, readPulledGame, type PulledGameDocuments } from '../data/pulled.ts';
import { elapsedSeconds, parseClock } from '../game/clock.ts';
import type { FeedAction } from './convert.ts';
import { seasonFiles } from './dataset.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { ReplayError } from './errors.ts';
import { gameIdentity, type NightGame, type TimedAction } from './night.ts';
import { paceGame } from './pacing.ts';

const MIN_GAME_MS = 60 * 60_000;
const MAX_GAME_MS = 6 * 60 * 60_000;

/** The seasons a replay reads from pulled documents: pulled, and with no play-by-play file. */
export function pulledOnlySeasons(dataDir: string): Set<string> {
  const csv = new Set(seasonFiles(dataDir).map((s) => s.season));
  return new Set(pulledSeasons(dataDir).filter((s) => !csv.has(s)));
}

/** The date's games from pulled documents; undefined when the date is not of a pulled-only season. */
export function loadPulledNight(dataDir: string, date: string, schedule: readonly HistoricalGame[]): { games: NightGame[]; absent: string[] } | undefined {
  const tonight = schedule.filter((g) => g.gameDate === date);
  const seasons = pulledOnlySeasons(dataDir);
  if (tonight.length === 0 || !tonight.every((g) => seasons.has(g.season))) return undefined;
  const games: NightGame[] = [];
  const absent: string[] = [];
  for (const season of new Set(tonight.map((g) => g.season))) {
    const have = new Set(pulledGames(dataDir, season));
    for (const info of tonight.filter((g) => g.season === season)) {
      if (have.has(info.gameId)) games.push(timePulledGame(info, readGame(dataDir, season, info.gameId)));
      else absent.push(info.gameId);
    }
  }
  if (games.length === 0) throw new ReplayError('replay_no_data', `no pulled play-by-play for any of the ${tonight.length} games of ${date} (${absent.join(', ')})`);
  return { games, absent };
}

interface PulledGame {
  readonly actions: FeedAction[];
  /** The boxscore's `gameTimeUTC`: the scheduled tip. */
  readonly tipUtc: string | undefined;
}

function readGame(dataDir: string, season: string, gameId: string): PulledGame {
  let documents: PulledGameDocuments;
  try {
    documents = readPulledGame(dataDir, season, gameId);
  } catch (cause) {
    throw new ReplayError('replay_file', (cause as Error).message, { cause });
  }
  const actions = (documents.playbyplay as { game?: { actions?: unknown } }).game?.actions;
  if (!Array.isArray(actions) || !actions.every(isAction)) {
    throw new ReplayError('replay_file', `pulled play-by-play of ${gameId} in ${dataDir} is not a list of actions`);
  }
  const tip = (documents.boxscore as { game?: { gameTimeUTC?: unknown } }).game?.gameTimeUTC;
  return { actions: actions as FeedAction[], tipUtc: typeof tip === 'string' ? tip : undefined };
}

function isAction(a: unknown): boolean {
  const x = a as Record<string, unknown>;
  return typeof x === 'object' && x !== null && typeof x.orderNumber === 'number' && typeof x.period === 'number' && typeof x.clock === 'string' && typeof x.actionType === 'string';
}

export function timePulledGame(info: HistoricalGame, game: PulledGame): NightGame {
  const actions = [...game.actions].sort((a, b) => a.orderNumber - b.orderNumber);
  const last = actions.at(-1);
  if (last && last.actionType !== 'game') actions.push(gameEnd(last));
  const secondsLeft = actions.map((a) => parseClock(a.clock));
  const fallback = paceGame(actions.map((a, i) => ({ period: a.period, secondsLeft: secondsLeft[i] as number, wallClock: undefined })), info.gameDate);
  const scheduledTip = Date.parse(game.tipUtc ?? '') || fallback.scheduledTip;
  const stamped = byStamps(actions);
  const publishAt = stamped.times ?? fallback.publishAt;
  const timed: TimedAction[] = actions.map((action, i) => ({ action, publishAt: publishAt[i] as number, elapsed: elapsedSeconds(action.period, secondsLeft[i] as number) }));
  return {
    ...gameIdentity(info),
    scheduledTip,
    pacing: stamped.times ? 'stamps' : 'fallback',
    pacingNote: stamped.problem,
    actions: timed,
    startsAt: (timed[0] as TimedAction).publishAt,
    endsAt: (timed.at(-1) as TimedAction).publishAt,
    missingScores: [],
  };
}

/** Each action's `timeActual`, never going back in game order; undefined with why when unusable. */
function byStamps(actions: readonly FeedAction[]): { times?: number[]; problem?: string } {
  const times: number[] = [];
  for (const a of actions) {
    const t = Date.parse(a.timeActual ?? '');
    if (!Number.isFinite(t)) return { problem: `action ${a.actionNumber} has no usable timeActual (${JSON.stringify(a.timeActual)})` };
    times.push(Math.max(t, times.at(-1) ?? t));
  }
  const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
  if (span < MIN_GAME_MS || span > MAX_GAME_MS) return { problem: `timeActual stamps span ${Math.round(span / 60_000)} minutes, not a game's length` };
  return { times };
}

/** The end the CDN writes after the final buzzer, for a document saved without it. */
function gameEnd(last: FeedAction): FeedAction {
  return { ...last, actionNumber: last.actionNumber + 1, orderNumber: last.orderNumber + 1, clock: 'PT00M00.00S', actionType: 'game', subType: 'end', description: 'Game End', teamTricode: undefined, shotResult: undefined, isFieldGoal: 0 };
}
