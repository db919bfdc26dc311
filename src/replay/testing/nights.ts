/** Nights for the replay's tests, loaded once per test file (a night takes about a second to read). */
import type { TestContext } from 'node:test';
import { requireDataDir } from '../../../test/support/data.ts';
import { loadNight, type Night } from '../night.ts';

const cache = new Map<string, Night>();

/** The night of `date` from the dataset, or undefined (the test skipped) when it is missing. */
export function testNight(t: TestContext, date: string): Night | undefined {
  const known = cache.get(date);
  if (known) return known;
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return undefined;
  const night = loadNight(dataDir, date);
  cache.set(date, night);
  return night;
}

/** A simulated-time remote control: speed 1, and `set(t)` jumps the replay's clock to instant `t`. */
export function manualTime(night: Night): { now: () => number; set: (t: number) => void } {
  let real = 0;
  return { now: () => real, set: (t) => void (real = t - night.opensAt) };
}
