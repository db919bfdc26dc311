import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { data, game, PREDICTION } from '../../packages/client/src/testing/messages.ts';
import { coverageText, forecastText, gameClock, leader, matchup, patternBar, signed, tallyText, teams, tonightText, verdictText } from './game-text.ts';

const halftime = (actual: number, covered: boolean | null, approximate = false) => ({
  actual, forecast: covered === null ? null : PREDICTION, model_version: covered === null ? null : 'm', error: covered === null ? null : actual - PREDICTION.point_forecast, covered, approximate,
});

describe('a game in words', () => {
  it('signs leads and forecasts as home minus away, with no negative zero', () => {
    assert.deepEqual([signed(3), signed(-2), signed(0), signed(-0.04, 1), signed(11.26, 1), signed(-7.1, 1)], ['+3', '-2', '0', '0.0', '+11.3', '-7.1']);
  });
  it('names the matchup away first, and who leads by how much', () => {
    assert.equal(matchup(data()), 'BOS 10 @ CLE 12');
    assert.equal(teams(data()), 'BOS @ CLE');
    assert.equal(leader(data()), 'CLE by 2');
    assert.equal(leader(data({ away_score: 20 })), 'BOS by 8');
    assert.equal(leader(data({ away_score: 12 })), 'tied');
  });
  it('reads the clock of every state of a game', () => {
    assert.equal(gameClock(data({ period: 2, clock: '05:32' })), 'Q2 5:32');
    assert.equal(gameClock(data({ period: 4, clock: '10:00' })), 'Q4 10:00');
    assert.equal(gameClock(data({ period: 5, clock: '00:42' })), 'OT1 0:42');
    assert.equal(gameClock(data({ period: 3, clock: '' })), 'Q3');
    assert.equal(gameClock(data({ status: 'Halftime', period: 2, clock: '' })), 'Half');
    assert.equal(gameClock(data({ status: 'Final', period: 4 })), 'Final');
    assert.equal(gameClock(data({ status: 'Final', period: 6 })), 'Final/OT');
    assert.equal(gameClock(data({ status: 'Scheduled', start_time: '2017-10-17T23:30:00.000Z' })), '7:30 PM ET');
    assert.equal(gameClock(data({ status: 'Postponed' })), 'Postponed');
  });
  it('writes a forecast with its interval and coverage', () => {
    assert.equal(forecastText(PREDICTION), '+3.4 [-7.1, +13.9]');
    assert.equal(coverageText(PREDICTION), '95%');
  });
  it('writes the halftime verdict, covered or missed, and says when it was graded from the scoreboard', () => {
    assert.equal(verdictText(halftime(9, true)), '+9 covered');
    assert.equal(verdictText(halftime(-12, false)), '-12 missed');
    assert.equal(verdictText(halftime(4, null)), '+4 (no forecast)');
    assert.equal(verdictText(halftime(4, true, true)), '+4 covered approx');
  });
  it('draws the pattern\'s way to the 18 minutes the forecast needs', () => {
    assert.equal(patternBar(game('0021700001', { pattern: [] }), 6), '[......] 0/18');
    assert.equal(patternBar(game('0021700001', { pattern: Array(9).fill(1) }), 6), '[###...] 9/18');
    assert.equal(patternBar(game('0021700001', { pattern: Array(30).fill(1) }), 6), '[######] 18/18');
  });
  it('tallies the night: forecasts, graded, inside the interval with its share, MAE', () => {
    assert.equal(tallyText({ forecasts: 0, settled: 0, covered: 0, mae: null }), '0 forecasts · 0 graded · 0 inside the interval');
    assert.equal(tallyText({ forecasts: 1, settled: 1, covered: 1, mae: 3.44 }), '1 forecast · 1 graded · 1 inside the interval (100%) · MAE 3.4');
    const games = [
      game('0021700001', { prediction: null }),
      game('0021700002', { halftime: halftime(9, true) }),
      game('0021700003', { halftime: halftime(-12, false) }),
    ];
    // Errors 5.6 and 15.4: MAE 10.5; one of two intervals held.
    assert.equal(tonightText(games), 'Tonight: 3 games · 2 forecasts · 2 graded · 1 inside the interval (50%) · MAE 10.5');
  });
});
