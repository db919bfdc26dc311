import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayError, ReplayRowError } from './errors.ts';
import { parsePlayByPlay, PBP_COLUMNS } from './pbp-csv.ts';

const HEADER = PBP_COLUMNS.join(',');
const csv = (...rows: string[]): string => [HEADER, ...rows, ''].join('\n');

test('reads quoted descriptions with commas and keeps file line numbers', () => {
  const text = csv(
    '0021700001,2,12,0,1,8:04 PM,12:00,,,,,',
    '0021700001,7,1,101,1,8:04 PM,11:44,,,"Irving 10\' Jump Shot (2 PTS), (Horford 1 AST)",2 - 0,-2',
    '0021700001,9,2,5,1,,11:27,"MISS Rose, 2\' Layup",,"Horford BLOCK ""big"" (1 BLK)",,',
  );
  const rows = parsePlayByPlay(text, 'pbp_2017-18.csv');
  assert.equal(rows.length, 3);
  const [start, made, miss] = rows as [NonNullable<(typeof rows)[0]>, NonNullable<(typeof rows)[0]>, NonNullable<(typeof rows)[0]>];
  assert.deepEqual([start.line, made.line, miss.line], [2, 3, 4]);
  assert.equal(start.wallClock, 20 * 60 + 4);
  assert.equal(made.visitorDescription, "Irving 10' Jump Shot (2 PTS), (Horford 1 AST)");
  assert.deepEqual(made.score, { away: 2, home: 0 });
  assert.equal(made.secondsLeft, 11 * 60 + 44);
  assert.equal(miss.homeDescription, "MISS Rose, 2' Layup");
  assert.equal(miss.visitorDescription, 'Horford BLOCK "big" (1 BLK)');
  assert.equal(miss.wallClock, undefined);
  assert.equal(miss.score, undefined);
});

test('12 AM and 12 PM stamps land on the right side of noon', () => {
  const rows = parsePlayByPlay(csv('0021700001,2,12,0,1,12:05 AM,12:00,,,,,', '0021700001,3,12,0,2,12:05 PM,12:00,,,,,'), 'f.csv');
  assert.deepEqual(rows.map((r) => r.wallClock), [5, 12 * 60 + 5]);
});

test('a newline inside a quoted field does not shift the line numbers of later rows', () => {
  const text = csv('0021700001,2,12,0,1,8:04 PM,12:00,"two\nlines",,,,', '0021700001,3,12,0,1,8:04 PM,12:00,,,,,', '0021700001,4,12,0,X,8:04 PM,12:00,,,,,');
  assert.throws(() => parsePlayByPlay(text, 'pbp_x.csv'), (e: unknown) => {
    assert.ok(e instanceof ReplayRowError);
    assert.equal(e.line, 5);
    assert.equal(e.column, 'PERIOD');
    assert.match(e.message, /^pbp_x\.csv:5: column PERIOD: expected an integer 1\.\.14, got "X"$/);
    return true;
  });
});

test('each malformed field is named with file, line and column', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['002170000,2,12,0,1,8:04 PM,12:00,,,,,', 'GAME_ID', /expected 10 digits/],
    ['0021700001,2,12,0,1,8:04 PM,12:70,,,,,', 'PCTIMESTRING', /m:ss/],
    ['0021700001,2,12,0,5,8:04 PM,7:00,,,,,', 'PCTIMESTRING', /5-minute period/],
    ['0021700001,2,12,0,1,20:04,12:00,,,,,', 'WCTIMESTRING', /8:03 PM/],
    ['0021700001,2,1,0,1,8:04 PM,11:00,,,x,2-0,', 'SCORE', /AWAY - HOME/],
    ['0021700001,2,1,0,1,8:04 PM,11:00,,,x,2 - 0,+', 'SCOREMARGIN', /TIE/],
    ['0021700001,2,1,0,1,8:04 PM,11:00,,,x,2 - 0', 'SCOREMARGIN', /expected 12 fields, found 11/],
  ];
  for (const [row, column, problem] of cases) {
    assert.throws(() => parsePlayByPlay(csv('0021700001,1,12,0,1,8:04 PM,12:00,,,,,', row), 'season.csv'), (e: unknown) => {
      assert.ok(e instanceof ReplayRowError, row);
      assert.equal(e.code, 'replay_row');
      assert.equal(e.file, 'season.csv');
      assert.equal(e.line, 3, row);
      assert.equal(e.column, column, row);
      assert.match(e.message, problem, row);
      return true;
    });
  }
});

test('an unclosed quote is a row error naming its line', () => {
  const text = csv('0021700001,1,12,0,1,8:04 PM,12:00,,,,,', '0021700001,2,1,0,1,8:04 PM,11:00,,,"oops,2 - 0,-2', '0021700001,3,12,0,1,8:04 PM,12:00,,,,,');
  assert.throws(() => parsePlayByPlay(text, 'q.csv'), (e: unknown) => e instanceof ReplayRowError && e.line === 3 && /^q\.csv:3:/.test(e.message));
});

test('a wrong header is refused before any row is read', () => {
  assert.throws(
    () => parsePlayByPlay('GAME_ID,EVENTNUM\n1,2\n', 'h.csv'),
    (e: unknown) => e instanceof ReplayError && e.code === 'replay_header' && e.message.startsWith('h.csv:1: header must be exactly GAME_ID,EVENTNUM,'),
  );
});

test('picking games reads only their rows, and bad rows of other games do not matter', () => {
  const text = csv('0021700001,1,12,0,1,8:04 PM,12:00,,,,,', '0021700002,1,12,0,BAD,8:04 PM,12:00,,,,,', '"0021700003",1,12,0,1,8:04 PM,12:00,,,,,');
  const rows = parsePlayByPlay(text, 'f.csv', new Set(['0021700001', '0021700003']));
  assert.deepEqual(rows.map((r) => [r.gameId, r.line]), [['0021700001', 2], ['0021700003', 4]]);
  assert.throws(() => parsePlayByPlay(text, 'f.csv'), /f\.csv:3: column PERIOD/);
});

test('a byte-order mark and CRLF line ends are accepted', () => {
  const text = `\uFEFF${HEADER}\r\n0021700001,1,12,0,1,8:04 PM,12:00,,,,,\r\n`;
  const rows = parsePlayByPlay(text, 'f.csv');
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.secondsLeft, 720);
});
