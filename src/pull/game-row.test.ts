import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { minuteDiff, REGULATION_MINUTES } from '../domain/minutes.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { BoxscoreDocument, PlayByPlayDocument } from '../feed/nba-schemas.ts';
import { gameRow } from './game-row.ts';

const ID = '0022000001';

/** The real CDN's final documents of GSW @ BKN, 2020-12-22 (125-99). */
function documents(t: TestContext): { box: BoxscoreDocument; pbp: PlayByPlayDocument } | undefined {
  const dir = requireDataDir(t, `live/boxscore_${ID}.json`, `live/playbyplay_${ID}.json`);
  if (!dir) return undefined;
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(dir, 'live', name), 'utf8'));
  return { box: BoxscoreDocument.parse(read(`boxscore_${ID}.json`)), pbp: PlayByPlayDocument.parse(read(`playbyplay_${ID}.json`)) };
}

test('a real final game gives its row: teams and date from the boxscore, d1..d48 from the tracker', (t) => {
  const docs = documents(t);
  if (!docs) return;
  const row = gameRow('2020-21', ID, docs.box, docs.pbp);
  assert.ok(row.ok, row.ok ? '' : row.detail);
  const { game } = row;
  assert.deepEqual([game.gameId, game.season, game.gameDate, game.homeTeam, game.awayTeam], [ID, '2020-21', '2020-12-22', 'BKN', 'GSW']);
  assert.deepEqual([game.finalHome, game.finalAway, game.otPeriods, game.d.length, minuteDiff(game.d, REGULATION_MINUTES)], [125, 99, 0, 48, 26]);
});

test('a boxscore whose final score the play-by-play does not reach is a mismatch, not a row', (t) => {
  const docs = documents(t);
  if (!docs) return;
  const box = structuredClone(docs.box);
  box.game.homeTeam.score = 127;
  const row = gameRow('2020-21', ID, box, docs.pbp);
  assert.deepEqual(row, { ok: false, problem: 'mismatch', detail: "the pattern ends at 26, the boxscore's final score is 127-99 (28)" });
});

test('a game still on, cut short, or another game is refused with what is wrong', (t) => {
  const docs = documents(t);
  if (!docs) return;
  const live = structuredClone(docs.box);
  live.game.gameStatus = 2;
  (live.game as Record<string, unknown>).gameStatusText = 'Q4 5:02 ';
  assert.deepEqual(gameRow('2020-21', ID, live, docs.pbp), { ok: false, problem: 'not_final', detail: 'boxscore status 2 (Q4 5:02)' });

  const cut = structuredClone(docs.pbp);
  cut.game.actions = cut.game.actions.filter((a) => a.period < 4);
  assert.deepEqual(gameRow('2020-21', ID, docs.box, cut), { ok: false, problem: 'incomplete', detail: 'play-by-play gives 36 minutes of a game that ended in period 4' });

  const other = structuredClone(docs.pbp);
  other.game.gameId = '0022000002';
  const wrong = gameRow('2020-21', ID, docs.box, other);
  assert.equal(wrong.ok, false);
  assert.equal(!wrong.ok && wrong.problem, 'wrong_game');
});
