import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { minuteDiff, REGULATION_MINUTES } from '../domain/minutes.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { COLUMNS, parseGames, previousSeason, seasonsOf } from './dataset.ts';
import { loadDataDir, loadGames } from '../data/dataset-files.ts';
import { DatasetRowError } from './errors.ts';

const HEADER = COLUMNS.join(',');
function row(over: Partial<Record<string, string>> = {}): string {
  const base: Record<string, string> = { game_id: '0021700001', season: '2017-18', game_date: '2017-10-17', home_team: 'CLE', away_team: 'BOS' };
  for (let k = 1; k <= 48; k++) base[`d${k}`] = String(k % 7 - 3);
  base.d48 = '3';
  Object.assign(base, { final_home: '102', final_away: '99', ot_periods: '0' }, over);
  return COLUMNS.map((c) => base[c]).join(',');
}

test('parses typed rows: season, date, teams, d1..d48, finals, overtime', () => {
  const games = parseGames(`${HEADER}\n${row()}\n${row({ game_id: '0021700002', d48: '0', ot_periods: '1', final_home: '110', final_away: '108' })}\n`, 'x.csv');
  assert.equal(games.length, 2);
  const g = games[0]!;
  assert.equal(g.season, '2017-18');
  assert.equal(g.gameDate, '2017-10-17');
  assert.equal(g.homeTeam, 'CLE');
  assert.equal(g.awayTeam, 'BOS');
  assert.equal(g.d.length, 48);
  assert.equal(g.d[0], -2);
  assert.equal(minuteDiff(g.d, REGULATION_MINUTES), 3);
  assert.deepEqual([g.finalHome, g.finalAway, g.otPeriods], [102, 99, 0]);
  assert.equal(games[1]!.otPeriods, 1);
});

test('a corrupt row is an error naming the file, its line and the column', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtside-dataset-'));
  const file = path.join(dir, 'minute_diffs.csv');
  writeFileSync(file, [HEADER, row(), row({ game_id: '0021700002' }), row({ game_id: '0021700003', d17: 'x7' })].join('\n'));
  assert.throws(() => loadGames(file), (err: unknown) => {
    assert.ok(err instanceof DatasetRowError);
    assert.equal(err.code, 'dataset_row');
    assert.equal(err.line, 4);
    assert.equal(err.column, 'd17');
    assert.equal(err.message, `${file}:4: column d17: expected an integer margin, got "x7"`);
    return true;
  });
});

test('each kind of bad value names its column', () => {
  const cases: Array<[Partial<Record<string, string>>, string]> = [
    [{ game_id: '21700001' }, 'game_id'],
    [{ season: '2017-19' }, 'season'],
    [{ game_date: '2017-02-30' }, 'game_date'],
    [{ home_team: 'cle' }, 'home_team'],
    [{ away_team: 'CLE' }, 'away_team'],
    [{ d5: '' }, 'd5'],
    [{ d20: '1.5' }, 'd20'],
    [{ d30: '250' }, 'd30'],
    [{ final_away: '-1' }, 'final_away'],
    [{ d48: '7' }, 'd48'],
    [{ ot_periods: '1' }, 'd48'],
  ];
  for (const [over, column] of cases) {
    assert.throws(() => parseGames(`${HEADER}\n${row(over)}`, 'y.csv'), (err: unknown) => err instanceof DatasetRowError && err.column === column && err.line === 2, JSON.stringify(over));
  }
  assert.throws(() => parseGames(`${HEADER}\n${row()}\n${row()}`, 'y.csv'), /y\.csv:3: column game_id: duplicate game 0021700001/);
  assert.throws(() => parseGames(`${HEADER}\n${row()},5`, 'y.csv'), /y\.csv:2: column ot_periods: expected 56 fields, found 57/);
  assert.throws(() => parseGames(`${HEADER}\n${row()}\n\n${row({ game_id: '0021700009' })}`, 'y.csv'), /y\.csv:3: .*expected 56 fields, found 1/);
  assert.throws(() => parseGames(`game_id,season\n`, 'z.csv'), { code: 'dataset_header' });
  assert.throws(() => loadGames('/nonexistent/minute_diffs.csv'), { code: 'dataset_file' });
});

test('season arithmetic', () => {
  assert.equal(previousSeason('2016-17'), '2015-16');
  assert.equal(previousSeason('2000-01'), '1999-00');
  assert.equal(previousSeason('2017-18', 2), '2015-16');
});

test('the real dataset loads: 26,009 games over 22 seasons', (t) => {
  const dir = requireDataDir(t, 'minute_diffs.csv');
  if (!dir) return;
  const games = loadDataDir(dir);
  assert.equal(games.length, 26009);
  const seasons = seasonsOf(games);
  assert.equal(seasons.length, 22);
  assert.equal(seasons[0], '1996-97');
  assert.equal(seasons.at(-1), '2017-18');
});
