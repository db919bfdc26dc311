import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScoreboardDocument } from './nba-schemas.ts';
import { ScoreboardEntriesSchema } from './scoreboard-entries.ts';
import { scoreboardFixture } from './test-cdn.ts';

type Json = { scoreboard: { games: Array<Record<string, unknown>> } };

/** Three good games, 0042200121..3; `edit` spoils some. */
function board(edit: (games: Array<Record<string, unknown>>) => void = () => {}): Json {
  const base = scoreboardFixture() as Json;
  const game = base.scoreboard.games[0] as Record<string, unknown>;
  base.scoreboard.games = [1, 2, 3].map((n) => ({ ...structuredClone(game), gameId: `004220012${n}` }));
  edit(base.scoreboard.games);
  return base;
}

describe('ScoreboardEntriesSchema', () => {
  it('passes a sound scoreboard as the whole-document schema does, with nothing rejected', () => {
    const json = board();
    const read = ScoreboardEntriesSchema.safeParse(json);
    assert.ok(read.success);
    assert.deepEqual(read.data.rejectedGames, []);
    assert.deepEqual(read.data.scoreboard.games, ScoreboardDocument.parse(json).scoreboard.games);
  });

  it('leaves out only the malformed entries, saying which game and what was wrong', () => {
    const json = board((games) => {
      (games[1] as { homeTeam: unknown }).homeTeam = 'BKN';
      delete games[2]?.gameClock;
      (games[2] as { awayTeam: { score: unknown } }).awayTeam.score = '75';
    });
    assert.equal(ScoreboardDocument.safeParse(json).success, false, 'the whole-document schema fails it');
    const read = ScoreboardEntriesSchema.safeParse(json);
    assert.ok(read.success);
    assert.deepEqual(read.data.scoreboard.games.map((g) => g.gameId), ['0042200121']);
    assert.deepEqual(read.data.rejectedGames, [
      { index: 1, gameId: '0042200122', problem: 'schema mismatch at scoreboard.games[1].homeTeam (Invalid input: expected object, received string)' },
      {
        index: 2,
        gameId: '0042200123',
        problem: 'schema mismatch at scoreboard.games[2].gameClock (Invalid input: expected string, received undefined); scoreboard.games[2].awayTeam.score (Invalid input: expected number, received string)',
      },
    ]);
  });

  it('names an entry without a usable game id by its position only', () => {
    const json = board((games) => {
      games[0] = { gameId: 42 } as Record<string, unknown>;
      games[1] = null as unknown as Record<string, unknown>;
    });
    const read = ScoreboardEntriesSchema.safeParse(json);
    assert.ok(read.success);
    assert.deepEqual(read.data.rejectedGames?.map((r) => [r.index, r.gameId]), [[0, undefined], [1, undefined]]);
    assert.match(read.data.rejectedGames?.[1]?.problem ?? '', /^schema mismatch at scoreboard\.games\[1\] \(Invalid input: expected object, received null\)$/);
  });

  it('fails the document when the envelope itself is wrong', () => {
    for (const json of [{}, { scoreboard: { gameDate: '2023-04-20', games: {} } }, { scoreboard: { games: [] } }]) {
      const read = ScoreboardEntriesSchema.safeParse(json);
      assert.equal(read.success, false, JSON.stringify(json));
    }
  });
});
