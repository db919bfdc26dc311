import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forecast, GAME_A, GAME_B, halftime, progress, score, snapshot } from '../../packages/client/src/testing/messages.ts';
import { NightReport } from './night-report.ts';

function report(): { lines: string[]; night: NightReport } {
  const lines: string[] = [];
  return { lines, night: new NightReport({ write: (l) => lines.push(l), now: () => new Date(2017, 9, 17, 20, 5, 9) }) };
}

describe('serve\'s night report', () => {
  it('says one line per forecast and per verdict, the verdict with the tally so far, and nothing for routine messages', () => {
    const { lines, night } = report();
    night.observe(score(1, GAME_A, { away_team: 'BOS', home_team: 'CLE' }));
    night.observe(score(2, GAME_B, { away_team: 'HOU', home_team: 'GSW' }));
    night.observe(progress(3, GAME_A, [1, 2, 3]));
    night.observe(forecast(4, GAME_A));
    night.observe(forecast(5, GAME_B));
    night.observe(halftime(6, GAME_A, 9));
    night.observe(halftime(7, GAME_B, 20));
    assert.deepEqual(lines, [
      '20:05:09 forecast  0021700001 BOS @ CLE · halftime lead +3.4 [-7.1, +13.9] 95%',
      '20:05:09 forecast  0021700002 HOU @ GSW · halftime lead +3.4 [-7.1, +13.9] 95%',
      '20:05:09 halftime  0021700001 BOS @ CLE · +9 covered (forecast +3.4 [-7.1, +13.9], off by 5.6) · tonight: 2 forecasts · 1 graded · 1 inside the interval (100%) · MAE 5.6',
      '20:05:09 halftime  0021700002 HOU @ GSW · +20 missed (forecast +3.4 [-7.1, +13.9], off by 16.6) · tonight: 2 forecasts · 2 graded · 1 inside the interval (50%) · MAE 11.1',
    ]);
    assert.deepEqual(night.summary(), ['Tonight: 2 games · 2 forecasts · 2 graded · 1 inside the interval (50%) · MAE 11.1']);
  });
  it('counts a revised verdict once, by its last word', () => {
    const { night } = report();
    night.observe(score(1, GAME_A));
    night.observe(forecast(2, GAME_A));
    night.observe({ ...halftime(3, GAME_A, 20), approximate: true });
    night.observe({ ...halftime(4, GAME_A, 9), revised: true });
    assert.deepEqual(night.tally(), { forecasts: 1, settled: 1, covered: 1, mae: 5.6 });
  });
  it('names a game by id when it was never introduced, and sums up an empty night', () => {
    const { lines, night } = report();
    assert.deepEqual(night.summary(), ['Tonight: 0 games · 0 forecasts · 0 graded · 0 inside the interval']);
    night.observe(snapshot(1, []));
    night.observe(forecast(2, GAME_A));
    assert.deepEqual(lines, ['20:05:09 forecast  0021700001 · halftime lead +3.4 [-7.1, +13.9] 95%']);
  });
});
