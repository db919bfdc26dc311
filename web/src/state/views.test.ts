import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { GameStatus } from '../../../src/protocol/messages.ts';
import type { GameState } from '../../../packages/client/src/index.ts';
import { cardOrder, freshness, gamePhase, scoreboardOrder, tippedOff } from './views.ts';

function game(id: string, status: GameStatus, start: string, extra: Partial<GameState> = {}): GameState {
  return {
    game_id: id,
    data: {
      away_team: 'BOS',
      home_team: 'CLE',
      away_score: 0,
      home_score: 0,
      differential: 0,
      period: 1,
      clock: '',
      status,
      game_date: '2017-10-17',
      start_time: `2017-10-17T${start}:00Z`,
    },
    pattern: [],
    approximate: false,
    prediction: null,
    halftime: null,
    updated_at: new Date(0).toISOString(),
    ...extra,
  };
}

describe('views', () => {
  const games = {
    a: game('0021700003', 'Final', '23:00'),
    b: game('0021700002', 'Scheduled', '22:00'),
    c: game('0021700001', 'In Progress', '23:00'),
    d: game('0021700004', 'Halftime', '23:30'),
  };

  test('the scoreboard keeps tip-off order', () => {
    assert.deepEqual(scoreboardOrder(games).map((g) => g.game_id), ['0021700002', '0021700001', '0021700003', '0021700004']);
  });

  test('cards show games that tipped off, live ones first', () => {
    assert.deepEqual(cardOrder(games).map((g) => g.game_id), ['0021700001', '0021700004', '0021700003']);
  });

  test('games that are off (TBD, postponed, cancelled) get no card and never go stale', () => {
    const off = { e: game('0021700005', 'TBD', '21:00'), f: game('0021700006', 'Postponed', '21:00'), g: game('0021700007', 'Cancelled', '21:00') };
    assert.deepEqual(cardOrder({ ...games, ...off }).map((g) => g.game_id), ['0021700001', '0021700004', '0021700003']);
    assert.deepEqual(scoreboardOrder(off).map((g) => g.game_id), ['0021700005', '0021700006', '0021700007']);
    for (const g of Object.values(off)) {
      assert.equal(tippedOff(g.data.status), false, g.data.status);
      assert.equal(freshness(g, 10 ** 9, 0).stale, false, g.data.status);
    }
    assert.equal(tippedOff('Halftime'), true);
  });

  test('a live game goes stale after a minute of silence; finals never do', () => {
    const live = game('0021700001', 'In Progress', '23:00', { updated_at: new Date(1_000_000).toISOString() });
    assert.deepEqual(freshness(live, 1_000_000 + 59_000, 0), { ageSeconds: 59, stale: false });
    assert.deepEqual(freshness(live, 1_000_000 + 61_000, 0), { ageSeconds: 61, stale: true });
    // The server's clock is 30 s behind the browser's: age is measured on the server's.
    assert.deepEqual(freshness(live, 1_000_000 + 61_000, 30_000), { ageSeconds: 31, stale: false });
    const final = game('0021700002', 'Final', '23:00', { updated_at: new Date(0).toISOString() });
    assert.equal(freshness(final, 10 ** 9, 0).stale, false);
  });
});

describe('gamePhase', () => {
  test('gathers the pattern until halftime, then follows the game', () => {
    const withPattern = (status: GameStatus, period: number, minutes: number, differential = 0) => {
      const g = game('1', status, '23:00', { pattern: Array.from({ length: minutes }, () => differential) });
      return gamePhase({ ...g, data: { ...g.data, period, differential } });
    };
    assert.deepEqual(withPattern('In Progress', 1, 7), { kind: 'pattern', minutes: 7 });
    assert.deepEqual(withPattern('In Progress', 2, 23, 4), { kind: 'pattern', minutes: 23 }, 'the end of Q2 before the feed says Halftime');
    assert.deepEqual(withPattern('Halftime', 2, 24, 13), { kind: 'halftime', lead: 13 });
    assert.deepEqual(withPattern('In Progress', 3, 26, -2), { kind: 'second_half', lead: -2 });
    assert.deepEqual(withPattern('In Progress', 4, 47, 0), { kind: 'second_half', lead: 0 });
    assert.deepEqual(withPattern('In Progress', 5, 50, 3), { kind: 'overtime', lead: 3 });
    assert.deepEqual(withPattern('Final', 4, 48, -8), { kind: 'final', lead: -8 });
    assert.deepEqual(withPattern('Scheduled', 0, 0), { kind: 'pattern', minutes: 0 });
  });
});
