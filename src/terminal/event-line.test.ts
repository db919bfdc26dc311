import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feedStatus, forecast, GAME_A, game, halftime, minuteForecast, progress, score, snapshot } from '../../packages/client/src/testing/messages.ts';
import { EVENT_LINES, eventLine, gameLine } from './event-line.ts';

const known = game(GAME_A);

describe('one line per event', () => {
  it('says what each message of the protocol means, naming the game by its teams once known', () => {
    assert.equal(eventLine(snapshot(1, [known])), 'snapshot  1 game');
    assert.equal(eventLine(snapshot(1, [known, game('0021700002')], 'e1', { resumed: false })), 'snapshot  2 games (too far behind to resume: state replaced)');
    assert.equal(eventLine(score(2, GAME_A, { period: 2, clock: '05:32', away_score: 40, home_score: 44 })), 'score     0021700001 BOS 40 @ CLE 44 · Q2 5:32');
    assert.equal(eventLine(progress(3, GAME_A, [1, 3, -2]), known), 'minute    0021700001 BOS @ CLE · minute 3 · lead -2');
    assert.equal(eventLine(progress(3, GAME_A, [1, 3, -2])), 'minute    0021700001 · minute 3 · lead -2');
    assert.equal(eventLine(forecast(4, GAME_A), known), 'forecast  0021700001 BOS @ CLE · halftime lead +3.4 [-7.1, +13.9] 95%');
    assert.equal(eventLine({ ...forecast(4, GAME_A), late: true }, known), 'forecast  0021700001 BOS @ CLE · halftime lead +3.4 [-7.1, +13.9] 95% · late');
    assert.equal(eventLine(halftime(5, GAME_A, 9), known), 'halftime  0021700001 BOS @ CLE · +9 covered (forecast +3.4 [-7.1, +13.9], off by 5.6)');
    assert.equal(eventLine(halftime(5, GAME_A, -20), known), 'halftime  0021700001 BOS @ CLE · -20 missed (forecast +3.4 [-7.1, +13.9], off by 23.4)');
    assert.equal(
      eventLine({ ...halftime(6, GAME_A, 4), forecast: null, error: null, covered: null, model_version: null, approximate: true, revised: true }, known),
      'halftime  0021700001 BOS @ CLE · +4 no forecast · revised · approximate',
    );
    assert.equal(eventLine(feedStatus(9, 'failing', 1)), 'feed      failing since 23:00:01 UTC (scoreboard: forbidden)');
    assert.equal(eventLine(feedStatus(10, 'ok')), 'feed      ok');
    assert.equal(eventLine(minuteForecast(8, GAME_A, 12, 0.62), known), 'minute 12 0021700001 BOS @ CLE · final +3.5 [-6.5, +13.5] · CLE wins 62%');
    assert.equal(eventLine({ type: 'error', seq: 7, timestamp: '', code: 'unknown_game', message: 'not tracked (yet)' }), 'server    unknown_game: not tracked (yet)');
  });
  it('has a line for every message type the SDK knows', () => {
    assert.deepEqual(Object.keys(EVENT_LINES).sort(), ['error', 'feed_status', 'forecast_update', 'halftime_result', 'ml_prediction', 'pattern_progress', 'score_update', 'snapshot']);
  });
  it('still names a message type it does not know (a newer server\'s), with its game', () => {
    assert.equal(eventLine({ type: 'lineup_update', game_id: GAME_A, minute: 12, home_on_court: 5 }, known), 'lineup_update 0021700001 BOS @ CLE · minute=12 home_on_court=5');
    assert.equal(eventLine({ type: 'novel' }), 'novel');
  });
  it('sums up a game of a snapshot: score, clock, lead, forecast and verdict', () => {
    assert.equal(gameLine(known), 'game      0021700001 BOS 10 @ CLE 12 · Q1 6:30 · CLE by 2');
    const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...prediction } = forecast(4, GAME_A);
    const { type: _t2, seq: _s2, timestamp: _ts2, game_id: _g2, ...verdict } = halftime(5, GAME_A, -5);
    assert.equal(gameLine({ ...known, prediction, halftime: verdict }), 'game      0021700001 BOS 10 @ CLE 12 · Q1 6:30 · CLE by 2 · forecast +3.4 [-7.1, +13.9] · halftime -5 covered');
  });
});
