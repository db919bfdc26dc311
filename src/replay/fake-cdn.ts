/**
 * A fake NBA live CDN on loopback that replays a real night: the three documents at the NBA's own
 * paths, advancing with a simulated clock. See `cdn-handler.ts` for what each request gets.
 */
import { createCdnHandler } from './cdn-handler.ts';
import { loadSchedule } from './dataset.ts';
import { optionError } from './errors.ts';
import type { DocumentTransform, FaultInjector } from './faults.ts';
import { listenLoopback } from './loopback-server.ts';
import { loadNight, type Night, type NightGame } from './night.ts';
import { defaultNight, listNights, speedForMinutes } from './nights.ts';
import { ReplayClock } from './replay-clock.ts';
import { LIVE_DATA_PATH } from './routes.ts';

export interface FakeCdnOptions {
  /** The data folder (with `minute_diffs.csv` and `pbp_<season>.csv`); not needed with `night`. */
  readonly dataDir?: string;
  /** The night to replay, `YYYY-MM-DD`; default: the busy night of 2017-18 (see `defaultNight`). */
  readonly date?: string;
  /** A night already loaded (tests share one instead of reading the season again). */
  readonly night?: Night;
  /** Simulated seconds per real second; default: the speed that plays the night in about 10 minutes. */
  readonly speed?: number;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly faults?: FaultInjector;
  readonly transform?: DocumentTransform;
  /** Real time source in ms, for tests. */
  readonly now?: () => number;
  readonly onError?: (error: unknown, path: string) => void;
}

export interface FakeCdn {
  /** Base URL ending in `/static/json/liveData`, to use as the feed URL. */
  readonly url: string;
  /** The night replayed, `YYYY-MM-DD`. */
  readonly date: string;
  readonly speed: number;
  readonly clock: ReplayClock;
  readonly night: Night;
  readonly games: readonly NightGame[];
  /** True once every game of the night is final on the simulated clock. */
  isFinished(): boolean;
  close(): Promise<void>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function startFakeCdn(options: FakeCdnOptions): Promise<FakeCdn> {
  const night = options.night ?? loadRequestedNight(options);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw optionError(`port must be an integer 0..65535, got ${String(options.port)}`);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') throw optionError(`host must be a non-empty string, got ${String(options.host)}`);
  for (const name of ['faults', 'transform', 'now', 'onError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw optionError(`${name} must be a function`);
  }
  const clock = new ReplayClock({ start: night.opensAt, speed: options.speed ?? speedForMinutes(night), now: options.now });
  const server = await listenLoopback(
    createCdnHandler({ night, clock, faults: options.faults, transform: options.transform, onError: options.onError }),
    port,
    host,
  );
  return {
    url: `${server.origin}${LIVE_DATA_PATH}`,
    date: night.date,
    speed: clock.speed,
    clock,
    night,
    games: night.games,
    isFinished: () => clock.now() >= night.closesAt,
    close: () => server.close(),
  };
}

function loadRequestedNight(options: FakeCdnOptions): Night {
  const { dataDir, date } = options;
  if (typeof dataDir !== 'string' || dataDir === '') throw optionError('dataDir is required (or pass night)');
  if (date !== undefined && (typeof date !== 'string' || !DATE.test(date))) {
    throw optionError(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  const schedule = loadSchedule(dataDir);
  return loadNight(dataDir, date ?? defaultNight(listNights(dataDir, schedule)), schedule);
}
