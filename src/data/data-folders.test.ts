import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REGULATION_MINUTES } from '../domain/minutes.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { loadDataDirs } from './data-folders.ts';
import { formatGame, formatGames } from '../model/dataset-format.ts';
import { parseGames } from '../model/dataset.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';

function game(gameId: string, season: string, over: Partial<HistoricalGame> = {}): HistoricalGame {
  // d48 = 4 matches the final score.
  const d = Array.from({ length: REGULATION_MINUTES }, (_, i) => (i + 1 === REGULATION_MINUTES ? 4 : (i % 5) - 2));
  return { gameId, season, gameDate: `${season.slice(0, 4)}-11-0${gameId.at(-1)}`, homeTeam: 'BOS', awayTeam: 'NYK', d, finalHome: 104, finalAway: 100, otPeriods: 0, ...over };
}

function folder(games: readonly HistoricalGame[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtside-folders-'));
  writeFileSync(path.join(dir, 'minute_diffs.csv'), formatGames(games));
  return dir;
}

test('formatGames writes back exactly the rows of minute_diffs.csv, overtime games included', (t) => {
  const dir = requireDataDir(t, 'minute_diffs.csv');
  if (!dir) return;
  const lines = readFileSync(path.join(dir, 'minute_diffs.csv'), 'utf8').split(/\r?\n/).slice(0, 3001);
  const text = `${lines.join('\n')}\n`;
  const games = parseGames(text, 'minute_diffs.csv');
  assert.ok(games.some((g) => g.otPeriods > 0));
  assert.equal(formatGames(games), text);
});

test('several folders merge by game id, by season then id; one folder is read as it is', () => {
  const a = folder([game('0022400002', '2024-25'), game('0021700001', '2017-18')]);
  const b = folder([game('0022400001', '2024-25'), game('0022400002', '2024-25')]);
  const merged = loadDataDirs([a, b]);
  assert.deepEqual(merged.games.map((g) => g.gameId), ['0021700001', '0022400001', '0022400002']);
  assert.equal(merged.file, `${path.join(a, 'minute_diffs.csv')} + ${path.join(b, 'minute_diffs.csv')}`);
  assert.equal(merged.sha256, createHash('sha256').update(formatGames(merged.games)).digest('hex'));

  const one = loadDataDirs([a]);
  assert.equal(one.sha256, createHash('sha256').update(readFileSync(path.join(a, 'minute_diffs.csv'))).digest('hex'));
  assert.deepEqual(one.games.map(formatGame), [game('0022400002', '2024-25'), game('0021700001', '2017-18')].map(formatGame));
});

test('a game with two different rows in two folders is an error naming both files', () => {
  const a = folder([game('0022400001', '2024-25')]);
  const b = folder([game('0022400001', '2024-25', { finalHome: 106, d: [...game('x', '2024-25').d.slice(0, 47), 6] })]);
  assert.throws(() => loadDataDirs([a, b]), {
    code: 'dataset_conflict',
    message: `game 0022400001 differs between ${path.join(a, 'minute_diffs.csv')} and ${path.join(b, 'minute_diffs.csv')}`,
  });
  assert.throws(() => loadDataDirs([]), { code: 'invalid_option' });
});
