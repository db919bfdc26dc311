
import { loadConfig } from '../../src/config.ts';
import { startService, type RunningService, type ServiceDependencies } from '../../src/main.ts';
import { loadDataDir } from '../../src/data/dataset-files.ts';
import type { HistoricalGame } from '../../src/domain/historical-game.ts';
import type { DocumentTransform } from '../../src/replay/faults.ts';
import type { Night } from '../../src/replay/night.ts';
import { CapturingLogger } from './capturing-logger.ts';
import type { FaultPlan } from './fault-plan.ts';
import { Collector } from './ws-collector.ts';
import { BASELINE_MODEL } from '../../src/config/model.ts';

export interface FaultRunOptions {
  readonly dataDir: string;
  /** The night as the test loaded it, to place fault windows; the service loads its own copy. */
  readonly night: Night;
  readonly speed: number;
  readonly plan: FaultPlan;
  readonly transform?: DocumentTransform;
  readonly feedOptions?: ServiceDependencies['feedOptions'];
  /** How long the whole night may take in real time before the run fails with its state. */
  readonly timeoutMs?: number;
}

export interface FaultRun {
  readonly service: RunningService;
  readonly client: Collector;
  readonly log: CapturingLogger;
  /** `minute_diffs.csv`, by game id. */
  readonly truth: ReadonlyMap<string, HistoricalGame>;
  readonly night: Night;
  close(): Promise<void>;
}

/**
 * Short enough that a hanging CDN costs a few game minutes at replay speed, not the half: the
 * fake CDN answers in milliseconds, so only an injected fault reaches these limits.
 */
export const FAULT_FEED_OPTIONS = {
  timeoutMs: 150,
  retryInitialDelayMs: 10,
  retryMaxDelayMs: 40,
  // A real Retry-After is in whole seconds, i.e. whole game quarters at replay speed: honoured, capped.
  maxRetryAfterMs: 100,
  breakerHalfOpenAfterMs: 100,
} as const;

/**
 * No trained model there, so the service serves the baseline: these tests are about the feed, any
 * forecaster shows whether a forecast was made and from which pattern, and loading the trained
 * one would cost seconds per night.
 */
const NO_MODEL_DIR = BASELINE_MODEL;

/**
 * Real time that moves at most `maxStepMs` between two reads. The fake CDN reads it at every
 * request, so a service stalled for a second by a loaded machine finds the night a step further
 * on, not sixteen game minutes (at speed 1000): every fault window a test places is polled.
 */
export function steadyNow(maxStepMs: number): () => number {
  let real = performance.now();
  let shown = real;
  return () => {
    const now = performance.now();
    shown += Math.min(now - real, maxStepMs);
    real = now;
    return shown;
  };
}

/** A tenth of a second at speed 1000: under two game minutes, shorter than any fault window. */
const MAX_STEP_MS = 100;

export async function runFaultyNight(options: FaultRunOptions): Promise<FaultRun> {
  const { dataDir, night, plan } = options;
  const truth = new Map(loadDataDir(dataDir).map((g) => [g.gameId, g]));
  const log = new CapturingLogger();
  const config = loadConfig(
    { port: 0, host: '127.0.0.1', dataDir, date: night.date, speed: options.speed, exitWhenDone: true, dashboard: false, logLevel: 'silent', modelDir: NO_MODEL_DIR },
    {},
  );
  const service = await startService(config, {
    logger: log,
    dashboard: false,
    feedOptions: { ...FAULT_FEED_OPTIONS, ...options.feedOptions },
    replayOptions: { faults: plan.injector, now: steadyNow(MAX_STEP_MS), ...(options.transform ? { transform: options.transform } : {}) },
  });
  plan.seq = () => service.broadcaster.seq;
  const client = new Collector(`${service.wsUrl}?epoch=${encodeURIComponent(service.broadcaster.epoch)}&last_seq=0`);
  const close = async (): Promise<void> => {
    client.close();
    await service.close();
  };
  try {
    await client.opened;
    await finished(service, options.timeoutMs ?? 60_000);
    await client.readThrough(service.broadcaster.seq, 10_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { service, client, log, truth, night, close };
}

/** `done`, or a failure that says which games never finished and how far they got. */
async function finished(service: RunningService, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const stuck = [...service.pipeline.games.values()]
        .filter((g) => !g.tracker.complete)
        .map((g) => `${g.gameId} ${g.tracker.score.status} ${g.tracker.pattern.length} minutes${g.tracker.approximate ? ' (approximate)' : ''}`);
      reject(new Error(`the night did not finish within ${timeoutMs} ms; unfinished: ${stuck.join('; ') || 'none (replay clock still running)'}`));
    }, timeoutMs);
  });
  try {
    await Promise.race([service.done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
