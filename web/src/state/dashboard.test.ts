import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { GameSnapshot, ServerMessage } from '../../../src/protocol/messages.ts';
import { applyMessage, EMPTY, type DashboardState } from './dashboard.ts';

const T0 = '2017-10-17T23:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

const data = {
  away_team: 'BOS',
  home_team: 'CLE',
  away_score: 10,
  home_score: 12,
  differential: 2,
  period: 1,
  clock: '06:30',
  status: 'In Progress' as const,
  game_date: '2017-10-17',
  start_time: T0,
};

const prediction = {
  point_forecast: 3.4,
  interval_lower: -7.1,
  interval_upper: 13.9,
  coverage_probability: 0.95,
  components: { ensemble_forecast: 3.4, dejavu_prediction: 2.9 },
};

function game(id: string, extra: Partial<GameSnapshot> = {}): GameSnapshot {
  return { game_id: id, data, pattern: [1, 2], approximate: false, prediction: null, halftime: null, updated_at: at(0), ...extra };
}

function snapshot(seq: number, games: GameSnapshot[], epoch = 'e1'): ServerMessage {
  return { type: 'snapshot', seq, timestamp: at(seq), epoch, games };
}

function run(messages: ServerMessage[], from: DashboardState = EMPTY): DashboardState {
  return messages.reduce((s, m) => applyMessage(s, m, Date.parse(m.timestamp) + 250), from);
}

describe('applyMessage', () => {
  test('a snapshot replaces everything the page knew', () => {
    const before = run([snapshot(1, [game('0021700001'), game('0021700002')])]);
    assert.deepEqual(Object.keys(before.games), ['0021700001', '0021700002']);
    const after = run([snapshot(1, [game('0021700003')], 'e2')], before);
    assert.deepEqual(Object.keys(after.games), ['0021700003']);
    assert.equal(after.epoch, 'e2');
    assert.equal(after.synced, true);
    assert.equal(after.clockOffsetMs, 250);
  });

  test('score_update, pattern_progress, ml_prediction and halftime_result land on their game', () => {
    const id = '0021700001';
    const s = run([
      snapshot(1, []),
      { type: 'score_update', seq: 2, timestamp: at(2), game_id: id, data },
      { type: 'score_update', seq: 3, timestamp: at(3), game_id: id, data: { ...data, home_score: 15, differential: 5 } },
      {
        type: 'pattern_progress',
        seq: 4,
        timestamp: at(4),
        game_id: id,
        minutes_collected: 3,
        minutes_needed: 18,
        progress_percent: 16.7,
        pattern: [2, 3, 5],
        approximate: true,
      },
      {
        type: 'ml_prediction',
        seq: 5,
        timestamp: at(5),
        game_id: id,
        target: 'halftime_differential',
        prediction,
        pattern: Array(18).fill(1),
        model_version: 'baseline-2017-18',
        approximate: false,
        period: 2,
        clock: '05:58',
      },
      {
        type: 'halftime_result',
        seq: 6,
        timestamp: at(6),
        game_id: id,
        actual: 5,
        forecast: prediction,
        model_version: 'baseline-2017-18',
        error: 1.6,
        covered: true,
        approximate: false,
      },
    ]);
    const g = s.games[id];
    assert.ok(g);
    assert.equal(g.data.home_score, 15);
    assert.deepEqual(g.pattern, [2, 3, 5]);
    assert.equal(g.approximate, true);
    assert.equal(g.updatedAt, Date.parse(at(4)));
    assert.equal(g.forecast?.prediction.point_forecast, 3.4);
    assert.equal(g.forecast?.model_version, 'baseline-2017-18');
    assert.equal(g.halftime?.covered, true);
    assert.equal(s.lastSeq, 6);
  });

  test('a message older than what the page has is ignored', () => {
    const id = '0021700001';
    const s = run([
      snapshot(10, [game(id)]),
      { type: 'score_update', seq: 9, timestamp: at(9), game_id: id, data: { ...data, home_score: 99, differential: 89 } },
    ]);
    assert.equal(s.games[id]?.data.home_score, 12);
  });

  test('progress for a game the page has never seen is dropped, not invented', () => {
    const s = run([
      snapshot(1, []),
      {
        type: 'pattern_progress',
        seq: 2,
        timestamp: at(2),
        game_id: '0021700009',
        minutes_collected: 1,
        minutes_needed: 18,
        progress_percent: 5.6,
        pattern: [1],
        approximate: false,
      },
    ]);
    assert.deepEqual(s.games, {});
    assert.equal(s.lastSeq, 2);
  });

  test('an error from the server is kept for display', () => {
    const s = run([snapshot(1, []), { type: 'error', seq: 2, timestamp: at(2), code: 'unknown_type', message: 'no such type "x"' }]);
    assert.equal(s.serverError, 'unknown_type: no such type "x"');
  });

  test('the snapshot carries forecasts and verdicts through a reconnect', () => {
    const id = '0021700001';
    const halftime = { actual: 5, forecast: prediction, model_version: 'm', error: 1.6, covered: true, approximate: false };
    const s = run([snapshot(1, [game(id, { halftime, updated_at: at(-30) })])]);
    assert.deepEqual(s.games[id]?.halftime, halftime);
    assert.equal(s.games[id]?.updatedAt, Date.parse(at(-30)));
  });
});
