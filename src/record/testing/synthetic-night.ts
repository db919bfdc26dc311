/** A two-game synthetic night for the recorder's tests: small, and read in milliseconds. */
import { rmSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { writeDataDir, type SyntheticGame } from '../../replay/testing/synthetic.ts';

export const NIGHT_DATE = '2018-01-01';
export const NIGHT_GAMES: readonly SyntheticGame[] = [
  { gameId: '0021700901', season: '2017-18', date: NIGHT_DATE, home: 'BOS', away: 'PHI', tip: '7:11 PM' },
  { gameId: '0021700902', season: '2017-18', date: NIGHT_DATE, home: 'GSW', away: 'OKC', tip: '7:31 PM' },
];

/** A data folder holding only the synthetic night, removed after the test. */
export function syntheticNightData(t: TestContext): string {
  const dir = writeDataDir({ '2017-18': [...NIGHT_GAMES] });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
