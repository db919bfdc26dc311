import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ConnectionStatus, GameState } from '../../packages/client/src/index.ts';
import { at, data, forecast, game, halftime } from '../../packages/client/src/testing/messages.ts';
import { columnsFor, connectionText, renderBoard, type BoardState } from './board.ts';
import { ANSI } from './style.ts';

const LIVE: ConnectionStatus = { state: 'connected', retryInMs: null, failures: 0, lastClose: null };
const NOW = new Date(2017, 9, 17, 21, 14, 3);

function envelope<M extends { type: string; seq: number; timestamp: string; game_id: string }>(m: M): Omit<M, 'type' | 'seq' | 'timestamp' | 'game_id'> {
  const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...rest } = m;
  return rest;
}

/** A night in every state: graded, forecast, on its way to 18:00, and not started. */
function night(): GameState[] {
  return [
    game('0021700003', { data: data({ away_team: 'HOU', home_team: 'GSW', away_score: 0, home_score: 0, status: 'Scheduled', period: 0, clock: '', start_time: '2017-10-18T02:30:00.000Z' }), pattern: [] }),
    game('0021700001', {
      data: data({ away_score: 99, home_score: 102, status: 'Final', period: 4, clock: '' }), pattern: Array(48).fill(3),
      prediction: envelope(forecast(4, '0021700001')), halftime: envelope(halftime(5, '0021700001', 9)),
    }),
    game('0021700002', {
      data: data({ away_team: 'MIA', home_team: 'ORL', away_score: 40, home_score: 31, period: 2, clock: '04:10' }), pattern: Array(19).fill(-5),
      prediction: envelope(forecast(6, '0021700002')),
    }),
    game('0021700004', { data: data({ away_team: 'MIL', home_team: 'BOS', away_score: 20, home_score: 20, period: 1, clock: '01:10', start_time: at(60) }), pattern: Array(10).fill(0) }),
  ];
}

function board(extra: Partial<BoardState> = {}): BoardState {
  return { url: 'ws://localhost:8765/', connection: LIVE, synced: true, games: night(), recent: ['21:10:00 halftime  0021700001 BOS @ CLE · +9 covered'], now: NOW, ...extra };
}

describe('the watch board', () => {
  it('shows every game at 100×30: score, clock, lead, pattern, forecast with interval, verdict, and the tally', () => {
    const lines = renderBoard(board(), { columns: 100, rows: 30 });
    assert.deepEqual(lines, [
      'Courtside · ws://localhost:8765/ · live · 4 games                                           21:14:03',
      'GAME               CLOCK        LEAD        PATTERN         FORECAST (95%)        HALFTIME',
      'BOS 99 @ CLE 102   Final        CLE by 3    48 minutes      +3.4 [-7.1, +13.9]    +9 covered',
      'MIA 40 @ ORL 31    Q2 4:10      MIA by 9    19 minutes      +3.4 [-7.1, +13.9]',
      'MIL 20 @ BOS 20    Q1 1:10      tied        [###...] 10/18',
      'HOU 0 @ GSW 0      10:30 PM ET',
      'Tonight: 4 games · 2 forecasts · 1 graded · 1 inside the interval (100%) · MAE 5.6',
      'RECENT · forecasts and leads are home minus away · Ctrl-C quits',
      '21:10:00 halftime  0021700001 BOS @ CLE · +9 covered',
    ]);
  });
  it('drops the least needed columns first on a narrow terminal, and keeps the forecast', () => {
    assert.deepEqual(columnsFor(100).map((c) => c.title), ['GAME', 'CLOCK', 'LEAD', 'PATTERN', 'FORECAST (95%)', 'HALFTIME']);
    assert.deepEqual(columnsFor(80).map((c) => c.title), ['GAME', 'CLOCK', 'FORECAST (95%)', 'HALFTIME']);
    assert.deepEqual(columnsFor(60).map((c) => c.title), ['GAME', 'CLOCK', 'FORECAST (95%)']);
    assert.deepEqual(columnsFor(10).map((c) => c.title), ['GAME']);
    const lines = renderBoard(board(), { columns: 60, rows: 12 });
    assert.equal(lines[1], 'GAME               CLOCK        FORECAST (95%)');
    assert.equal(lines[2], 'BOS 99 @ CLE 102   Final        +3.4 [-7.1, +13.9]');
    assert.ok(lines.every((l) => l.length <= 60), lines.join('\n'));
  });
  it('shows the games that fit on a short terminal and says how many more there are', () => {
    const lines = renderBoard(board(), { columns: 100, rows: 6 });
    assert.equal(lines.length, 6);
    assert.equal(lines[4], '… 2 more games: a taller terminal shows them, or watch one with --game ID');
    assert.match(lines[5] as string, /^Tonight: 4 games/);
  });
  it('never draws more lines than rows nor a line wider than the columns, whatever the size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 4 }), (columns, rows, n) => {
        const lines = renderBoard(board({ games: night().slice(0, n) }), { columns, rows });
        assert.ok(lines.length >= 1 && lines.length <= rows, `${lines.length} lines in ${rows} rows`);
        for (const line of lines) assert.ok(line.length <= columns, `${JSON.stringify(line)} in ${columns} columns`);
      }),
    );
  });
  it('says what the connection is doing, and why it is down', () => {
    assert.equal(connectionText({ connection: { ...LIVE, state: 'connecting' }, synced: false }), 'connecting…');
    assert.equal(connectionText({ connection: LIVE, synced: false }), 'connected, waiting for the snapshot…');
    assert.equal(
      connectionText({ connection: { state: 'reconnecting', retryInMs: 1234, failures: 1, lastClose: { code: 1006, reason: '' } }, problem: 'connect ECONNREFUSED 127.0.0.1:8765', synced: true }),
      'reconnecting in 1.2 s (connect ECONNREFUSED 127.0.0.1:8765)',
    );
    assert.equal(connectionText({ connection: { state: 'offline', retryInMs: 15000, failures: 6, lastClose: null }, synced: true }), 'offline, retrying in 15.0 s');
    const down = renderBoard(board({ connection: { state: 'reconnecting', retryInMs: 500, failures: 1, lastClose: null }, problem: 'socket hang up' }), { columns: 100, rows: 30 });
    assert.match(down[0] as string, /reconnecting in 0\.5 s \(socket hang up\)/);
    assert.deepEqual(renderBoard(board({ games: [], synced: false, connection: { ...LIVE, state: 'connecting' }, recent: [] }), { columns: 80, rows: 10 }).slice(2), ['waiting for the server…', 'Tonight: 0 games · 0 forecasts · 0 graded · 0 inside the interval']);
  });
  it('colours verdicts and the status line with ANSI without changing the text', () => {
    const plain = renderBoard(board(), { columns: 100, rows: 30 });
    const coloured = renderBoard(board(), { columns: 100, rows: 30 }, ANSI);
    const strip = (l: string) => l.replace(/\x1b\[\d+m/g, '');
    assert.deepEqual(coloured.map(strip), plain);
    assert.match(coloured[2] as string, /\x1b\[32m\+9 covered/);
    assert.match(coloured[0] as string, /^\x1b\[7mCourtside/);
  });
});
