import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClockError } from './clock.ts';
import { readScoreboard } from './scoreboard-reading.ts';
import type { ScoreboardObservation } from './types.ts';

const entry = (o: Partial<ScoreboardObservation>): ScoreboardObservation => ({ gameStatus: 2, period: 3, gameClock: 'PT03M37.00S', homeScore: 70, awayScore: 68, ...o });

describe('readScoreboard', () => {
  it('reads the padded clocks and texts of a 2025 scoreboard', () => {
    assert.deepEqual(readScoreboard(entry({ gameClock: '3:37 ', statusText: '3rd Qtr  ' })), { status: 'In Progress', secondsLeft: 217, clockError: undefined });
    assert.deepEqual(readScoreboard(entry({ gameClock: '10:37', statusText: ' 3rd Qtr' })), { status: 'In Progress', secondsLeft: 637, clockError: undefined });
    assert.deepEqual(readScoreboard(entry({ period: 2, gameClock: ' ', statusText: ' Half ' })), { status: 'Halftime', secondsLeft: 0, clockError: undefined });
  });
  it('takes a live game with no clock at a break to stand at the end of its period, and knows nothing otherwise', () => {
    assert.equal(readScoreboard(entry({ period: 1, gameClock: '', statusText: 'End of 1st Qtr' })).secondsLeft, 0);
    assert.equal(readScoreboard(entry({ period: 1, gameClock: '', statusText: '1st Qtr' })).secondsLeft, undefined);
    assert.deepEqual(readScoreboard({ gameStatus: 1, period: 0, gameClock: '', homeScore: 0, awayScore: 0, statusText: '7:00 pm ET' }), { status: 'Scheduled', secondsLeft: undefined, clockError: undefined });
  });
  it('keeps the rest of an entry whose clock cannot be read, and names the clock', () => {
    const r = readScoreboard(entry({ gameClock: '3 min 37', statusText: '3rd Qtr' }));
    assert.equal(r.status, 'In Progress');
    assert.equal(r.secondsLeft, undefined);
    assert.ok(r.clockError instanceof ClockError);
    assert.equal(r.clockError.text, '3 min 37');
    assert.equal(r.clockError.code, 'invalid_clock');
  });
  it('reads games that never happen', () => {
    const off = (statusText: string, gameStatus: 1 | 3 = 1) => readScoreboard({ gameStatus, period: 0, gameClock: '', homeScore: 0, awayScore: 0, statusText }).status;
    assert.deepEqual([off('TBD'), off(' PPD '), off('Postponed', 3), off('Cancelled')], ['TBD', 'Postponed', 'Postponed', 'Cancelled']);
  });
});
