/** Terse, valid records for store tests, and a temporary folder that cleans itself up. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { ForecastInput, HalftimeInput, StoredGame } from '../../service/store-port.ts';

/** What the crash writer (a child process) writes, for the crash test to look for. */
export const CRASH_GAME = '0021700001';
export const CRASH_EPOCH = 'epoch-before-crash';

export function game(gameId: string, overrides: Partial<StoredGame> = {}): StoredGame {
  return {
    gameId,
    gameDate: '2017-10-17',
    startTime: '2017-10-17T20:00:00-04:00',
    homeTeam: 'CLE',
    awayTeam: 'BOS',
    status: 'In Progress',
    homeScore: 44,
    awayScore: 40,
    period: 2,
    clock: '05:12',
    updatedAt: '2017-10-18T00:41:07.000Z',
    ...overrides,
  };
}

export function forecast(gameId: string, overrides: Partial<ForecastInput> = {}): ForecastInput {
  return {
    gameId,
    modelVersion: 'baseline-2016-17',
    pattern: [0, 2, 2, 4, 1, -1, 0, 3, 5, 5, 7, 4, 4, 6, 8, 6, 5, 4],
    context: { gameId, homeTeam: 'CLE', awayTeam: 'BOS', gameDate: '2017-10-17' },
    point: 4.6,
    lower: -6.4,
    upper: 15.6,
    coverage: 0.95,
    components: { baseline_prediction: 4.6 },
    approximate: false,
    late: false,
    period: 2,
    clock: '05:58',
    createdAt: '2017-10-18T00:39:30.000Z',
    ...overrides,
  };
}

export function halftime(gameId: string, overrides: Partial<HalftimeInput> = {}): HalftimeInput {
  return {
    gameId,
    actual: 7,
    modelVersion: 'baseline-2016-17',
    error: 2.4,
    covered: true,
    approximate: false,
    recordedAt: '2017-10-18T00:52:00.000Z',
    ...overrides,
  };
}

/** A fresh folder for this test's database files, removed when the test ends. */
export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtside-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
