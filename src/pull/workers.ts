/**
 * The pull's workers: each takes the next game from the queue, pulls it, and records what came of
 * it, until the queue is empty or the pull is stopped. A CDN failing stops every worker (the
 * reason kept for the report); a folder that cannot be written, or a bug, is thrown once they have
 * all let go.
 */
import type { HistoricalGame } from '../domain/historical-game.ts';
import { PullError } from './errors.ts';
import type { GameQueue } from './game-queue.ts';
import type { PullProgress } from './progress.ts';
import { pullGame, type GameContext } from './pull-game.ts';
import type { SkippedGame } from './report.ts';

/** Games of the schedule refused (403/404) in a row after which the CDN is taken to refuse us, not them. */
export const REFUSED_IN_A_ROW = 20;

export interface WorkPlan {
  readonly queue: GameQueue;
  /** Games to fetch; while ids are enumerated, an estimate, and a refused id is no game at all. */
  readonly total: number;
  readonly estimated: boolean;
  readonly concurrency: number;
  readonly progress: PullProgress | undefined;
  /** Stops the pull (aborting `ctx.signal`) with a reason for the report. */
  readonly stop: (reason: string) => void;
  /** Aborts `ctx.signal` for an error that will be thrown. */
  readonly abort: (error: unknown) => void;
}

export interface WorkDone {
  readonly rows: Map<string, HistoricalGame>;
  readonly skipped: SkippedGame[];
}

export async function runWorkers(plan: WorkPlan, ctx: GameContext): Promise<WorkDone> {
  const { queue } = plan;
  const { signal } = ctx;
  const rows = new Map<string, HistoricalGame>();
  const skipped: SkippedGame[] = [];
  let fatal: unknown;
  let done = 0;
  let refusedInARow = 0;

  const pullOne = async (id: string): Promise<boolean> => {
    try {
      const outcome = await pullGame(ctx, id);
      if (outcome.kind === 'written') rows.set(id, outcome.game);
      else if (outcome.kind === 'skipped' || !plan.estimated) skipped.push(outcome.skip);
      refusedInARow = outcome.kind === 'missing' ? refusedInARow + 1 : 0;
      if (!plan.estimated && outcome.kind === 'missing' && refusedInARow >= REFUSED_IN_A_ROW) {
        plan.stop(`the CDN refused ${refusedInARow} scheduled games in a row (last: ${outcome.skip.detail}); stopping`);
      }
      return outcome.kind !== 'missing';
    } catch (error) {
      if (error instanceof PullError && error.code === 'pull_cdn') plan.stop(error.message);
      else if (!signal.aborted || error instanceof PullError) {
        fatal ??= error;
        plan.abort(error);
      }
      return true;
    }
  };

  const worker = async (): Promise<void> => {
    for (let id = await queue.next(); id !== undefined; id = await queue.next()) {
      // Handed out after the pull stopped: settled all the same, or a worker waiting on it would wait forever.
      const found = signal.aborted ? true : await pullOne(id);
      queue.settle(id, found);
      if (signal.aborted) return;
      done += 1;
      plan.progress?.update({ done, total: plan.estimated ? Math.max(plan.total, done + 1) : plan.total, skipped: skipped.length });
    }
  };

  plan.progress?.start(plan.total);
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
  } finally {
    plan.progress?.stop();
  }
  if (fatal !== undefined) throw fatal;
  return { rows, skipped };
}
