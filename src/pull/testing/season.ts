/**
 * The small season `data pull` is tested on: the first four nights of 2017-18 (24 games, ids
 * 0021700001..24) served by the fake CDN in the CDN's formats, with every request it receives
 * logged, a fault plan that can change between runs, and the dataset's own rows to compare with.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { requireDataDir } from '../../../test/support/data.ts';
import type { FakeCdn } from '../../replay/fake-cdn.ts';
import type { Fault, FaultInjector, FaultRequest } from '../../replay/faults.ts';
import type { Night } from '../../replay/night.ts';
import { loadSeason, startSeasonCdn } from '../../replay/season-cdn.ts';

export const SEASON = '2017-18';
export const DATES = ['2017-10-17', '2017-10-18', '2017-10-19', '2017-10-20'];
export const GAME_IDS = Array.from({ length: 24 }, (_, i) => `00217000${String(i + 1).padStart(2, '0')}`);

/** Retries without waiting, so faults cost no time (a 429's Retry-After is still honoured). */
export const QUICK_FEED = { retryInitialDelayMs: 1, retryMaxDelayMs: 2, timeoutMs: 3000 } as const;

let cached: { night: Night; rows: Map<string, string> } | undefined;

/** The season and the rows of `minute_diffs.csv` for its games (line endings dropped); undefined when the data is missing. */
export function testSeason(t: TestContext): { night: Night; rows: Map<string, string> } | undefined {
  if (cached) return cached;
  const dataDir = requireDataDir(t, `pbp_${SEASON}.csv`, 'minute_diffs.csv');
  if (!dataDir) return undefined;
  const night = loadSeason(dataDir, { season: SEASON, dates: DATES });
  const rows = new Map<string, string>();
  for (const line of readFileSync(path.join(dataDir, 'minute_diffs.csv'), 'utf8').split(/\r?\n/)) {
    const id = line.slice(0, 10);
    if (GAME_IDS.includes(id)) rows.set(id, line);
  }
  cached = { night, rows };
  return cached;
}

export interface LoggedRequest {
  readonly kind: FaultRequest['kind'];
  readonly gameId: string | undefined;
  /** performance.now() when it arrived. */
  readonly at: number;
}

export interface PullCdn {
  readonly cdn: FakeCdn;
  readonly url: string;
  readonly requests: LoggedRequest[];
  /** What each request gets; swap it between runs. */
  faults: FaultInjector;
  /** Requests for one game's documents, as `kind` names. */
  requestsFor(gameId: string): string[];
}

export async function startPullCdn(t: TestContext, night: Night, faults: FaultInjector = () => undefined): Promise<PullCdn> {
  const requests: LoggedRequest[] = [];
  const state = {
    faults,
    requests,
    requestsFor: (gameId: string) => requests.filter((r) => r.gameId === gameId).map((r) => String(r.kind)),
  };
  const cdn = await startSeasonCdn(night, {
    faults: (r) => {
      requests.push({ kind: r.kind, gameId: r.gameId, at: performance.now() });
      return state.faults(r);
    },
  });
  t.after(() => cdn.close());
  return Object.assign(state, { cdn, url: cdn.url });
}

/** `fault` for the first `times` requests that match, then nothing. */
export function firstTimes(times: number, fault: Fault, match: (r: FaultRequest) => boolean): FaultInjector {
  let left = times;
  return (r) => (match(r) && left-- > 0 ? fault : undefined);
}

/** The first injector with a fault for the request wins. */
export function allOf(...injectors: FaultInjector[]): FaultInjector {
  return (r) => {
    for (const inject of injectors) {
      const fault = inject(r);
      if (fault) return fault;
    }
    return undefined;
  };
}

/** Data rows of a pulled folder's `minute_diffs.csv`. */
export function pulledRows(dataDir: string): string[] {
  return readFileSync(path.join(dataDir, 'minute_diffs.csv'), 'utf8').trim().split('\n').slice(1);
}
