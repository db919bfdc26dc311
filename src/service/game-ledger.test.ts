import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerMessage } from '../protocol/messages.ts';
import { GameLedger } from './game-ledger.ts';

const data = (home: number, away: number, period: number, clock: string, status: 'In Progress' | 'Halftime' = 'In Progress') => ({
  away_team: 'ATL', home_team: 'CHA', away_score: away, home_score: home, differential: home - away, period, clock, status,
  game_date: '2017-10-20', start_time: '2017-10-20T23:00:00Z',
});
const pattern18 = Array.from({ length: 18 }, (_, i) => (i % 5) - 2);
const prediction = { point_forecast: 1.5, interval_lower: -8.2, interval_upper: 11.1, coverage_probability: 0.95, components: { ensemble_forecast: 1.5, dejavu_prediction: 2.1, lstm_prediction: 0.9 } };

const night: ServerMessage[] = [
  { type: 'score_update', seq: 1, timestamp: '2017-10-20T23:10:00.000Z', game_id: 'g1', data: data(2, 0, 1, '11:20') },
  { type: 'pattern_progress', seq: 2, timestamp: '2017-10-20T23:11:00.000Z', game_id: 'g1', minutes_collected: 18, minutes_needed: 18, progress_percent: 100, pattern: pattern18, approximate: false },
  { type: 'score_update', seq: 3, timestamp: '2017-10-20T23:12:00.000Z', game_id: 'g2', data: data(0, 3, 1, '10:00') },
  { type: 'ml_prediction', seq: 4, timestamp: '2017-10-20T23:13:00.000Z', game_id: 'g1', target: 'halftime_differential', prediction, pattern: pattern18, model_version: 'v1', approximate: false, period: 2, clock: '05:59', late: false },
  { type: 'score_update', seq: 5, timestamp: '2017-10-20T23:40:00.000Z', game_id: 'g1', data: data(50, 47, 2, '00:00', 'Halftime') },
  { type: 'halftime_result', seq: 6, timestamp: '2017-10-20T23:41:00.000Z', game_id: 'g1', actual: 3, forecast: prediction, model_version: 'v1', error: 1.5, covered: true, approximate: false, revised: false },
];

describe('GameLedger', () => {
  it('snapshots each game as its messages tell it, in order of arrival', () => {
    const ledger = new GameLedger();
    for (const m of night) ledger.apply(m);
    const [g1, g2] = ledger.snapshot();
    assert.equal(ledger.size, 2);
    assert.deepEqual(g1, {
      game_id: 'g1', data: data(50, 47, 2, '00:00', 'Halftime'), pattern: pattern18, approximate: false,
      prediction: { target: 'halftime_differential', prediction, pattern: pattern18, model_version: 'v1', approximate: false, period: 2, clock: '05:59', late: false },
      halftime: { actual: 3, forecast: prediction, model_version: 'v1', error: 1.5, covered: true, approximate: false, revised: false },
      updated_at: '2017-10-20T23:41:00.000Z',
    });
    assert.deepEqual(g2, { game_id: 'g2', data: data(0, 3, 1, '10:00'), pattern: [], approximate: false, prediction: null, halftime: null, updated_at: '2017-10-20T23:12:00.000Z' });
  });

  it('lists games in the stream\'s order whatever order they were told in, and forgets a game let go', () => {
    const ledger = new GameLedger();
    // An edge taking g1 on after g2: g1's history comes in last.
    for (const m of night.filter((m) => 'game_id' in m && m.game_id === 'g2')) ledger.apply(m);
    for (const m of night.filter((m) => 'game_id' in m && m.game_id === 'g1')) ledger.apply(m);
    assert.deepEqual(ledger.snapshot().map((g) => g.game_id), ['g1', 'g2']);
    ledger.forget('g1');
    assert.deepEqual(ledger.snapshot().map((g) => g.game_id), ['g2']);
    assert.equal(ledger.size, 1);
  });

  it('leaves out a game until its score is told, and ignores snapshots and errors', () => {
    const ledger = new GameLedger();
    ledger.apply(night[1] as ServerMessage);
    ledger.apply({ type: 'error', seq: 0, timestamp: '2017-10-20T23:10:00.000Z', code: 'invalid_json', message: 'x' });
    assert.deepEqual(ledger.snapshot(), []);
    assert.deepEqual(ledger.records(), []);
  });

  it('gives back trackers that go on without telling anything twice: no second forecast, no repeated score or minutes', () => {
    const ledger = new GameLedger();
    for (const m of night.slice(0, 4)) ledger.apply(m);
    const [g1] = ledger.records();
    assert.ok(g1);
    assert.equal(g1.tracker.triggered, true, 'forecast made');
    assert.equal(g1.sent.forecast?.raw.point, 1.5);
    assert.deepEqual(g1.sent.forecast?.raw.components, { dejavu_prediction: 2.1, lstm_prediction: 0.9 });
    assert.equal(g1.forecast, g1.sent.forecast);
    assert.deepEqual(g1.tracker.pattern, pattern18);
    // The scoreboard shows what was told already: nothing to say.
    const events = g1.tracker.observeScoreboard({ gameStatus: 2, period: 1, gameClock: 'PT11M20.00S', homeScore: 2, awayScore: 0, statusText: 'Q1 11:20' });
    assert.deepEqual(events.filter((e) => e.kind === 'score'), []);
  });
});
