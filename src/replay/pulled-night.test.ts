import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { requireDataDir } from '../../test/support/data.ts';
import type { FeedAction } from './convert.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { publishedCount } from './game-state.ts';
import { timePulledGame } from './pulled-night.ts';

const INFO: HistoricalGame = { gameId: '0022000001', season: '2020-21', gameDate: '2020-12-22', homeTeam: 'BKN', awayTeam: 'GSW', d: [], finalHome: 125, finalAway: 99, otPeriods: 0 };

function realActions(t: Parameters<typeof requireDataDir>[0]): FeedAction[] | undefined {
  const dir = requireDataDir(t, 'live/playbyplay_0022000001.json');
  if (!dir) return undefined;
  return (JSON.parse(readFileSync(path.join(dir, 'live/playbyplay_0022000001.json'), 'utf8')) as { game: { actions: FeedAction[] } }).game.actions;
}

test("a real CDN game is paced by its own timeActual stamps, from the boxscore's tip to the game end", (t) => {
  const actions = realActions(t);
  if (!actions) return;
  const game = timePulledGame(INFO, { actions, tipUtc: '2020-12-23T00:00:00Z' });
  assert.equal(game.pacing, 'stamps');
  assert.equal(game.scheduledTip, Date.parse('2020-12-23T00:00:00Z'));
  assert.equal(game.actions.length, 610);
  assert.equal(game.startsAt, Date.parse('2020-12-23T00:06:19.0Z'));
  assert.equal(game.endsAt, Date.parse('2020-12-23T02:20:52.5Z'));
  assert.ok(game.actions.every((a, i) => i === 0 || a.publishAt >= (game.actions[i - 1]?.publishAt as number)), 'never back in time');
  assert.equal(game.actions.at(-1)?.action.actionType, 'game');
  // Halfway through the real night, about half the actions are out.
  const half = publishedCount(game, (game.startsAt + game.endsAt) / 2) / game.actions.length;
  assert.ok(half > 0.3 && half < 0.7, `${half}`);
});

test('without usable stamps the replay paces the game itself; a document without its game end gets one', (t) => {
  const actions = realActions(t);
  if (!actions) return;
  const unstamped = actions.slice(0, -1).map((a, i) => (i === 100 ? { ...a, timeActual: undefined } : a));
  const game = timePulledGame(INFO, { actions: unstamped, tipUtc: undefined });
  assert.equal(game.pacing, 'fallback');
  assert.equal(game.pacingNote, `action ${actions[100]?.actionNumber} has no usable timeActual (undefined)`);
  assert.deepEqual([game.actions.length, game.actions.at(-1)?.action.actionType, game.actions.at(-1)?.action.subType], [610, 'game', 'end']);
  assert.deepEqual([game.actions.at(-1)?.action.scoreHome, game.actions.at(-1)?.action.scoreAway], ['125', '99']);
  assert.ok(game.endsAt - game.startsAt > 60 * 60_000, 'a game-length night');
});
