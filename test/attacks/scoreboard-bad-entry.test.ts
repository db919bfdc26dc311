/**
 * Issue 16, finding 6: one malformed scoreboard entry failed the whole scoreboard's schema, so
 * every other game lost its status updates. Three live games; then the scoreboard shows two of
 * them further on and the third malformed. The two must advance, the third keep its last state,
 * and the bad entry be logged with its game id and what was wrong, and counted.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { GameSnapshot } from '../../src/protocol/messages.ts';
import { seriesValue } from '../../src/observability/testing/series.ts';
import { liveGame, scoreboardJson, scriptedServiceForSuite } from '../support/scripted-service.ts';

const [A, B, C] = ['0042200121', '0042200122', '0042200123'];
type Games = { games: GameSnapshot[] };
const score = (games: Games, id: string) => {
  const data = games.games.find((g) => g.game_id === id)?.data;
  return data && `${data.home_score}-${data.away_score}`;
};

describe('a malformed scoreboard entry', () => {
  const s = scriptedServiceForSuite((cdn) => {
    cdn.answer = { status: 200, body: scoreboardJson([liveGame(A, 'PHIBKN', 50, 48), liveGame(B, 'GSWSAC', 40, 41), liveGame(C, 'LALMEM', 30, 33)]) };
  });
  let games: Games;

  before(async () => {
    if (s.skip) return;
    await s.run.poll<Games>('/api/games', (g) => score(g, C) === '30-33');
    const broken = { ...liveGame(B, 'GSWSAC', 44, 41), homeTeam: 'SAC' };
    s.cdn.answer = { status: 200, body: scoreboardJson([liveGame(A, 'PHIBKN', 52, 48, 2, 'PT04M30.00S'), broken, liveGame(C, 'LALMEM', 30, 36, 2, 'PT04M30.00S')]) };
    games = await s.run.poll<Games>('/api/games', (g) => score(g, A) === '52-48' && score(g, C) === '30-36');
  });

  it('still applies every other game on the board', (t) => {
    if (s.skip) return t.skip(s.skip);
    assert.equal(score(games, A), '52-48');
    assert.equal(score(games, C), '30-36');
    assert.equal(games.games.find((g) => g.game_id === A)?.data.clock, '04:30');
  });

  it('keeps the bad entry’s game at its last known state', (t) => {
    if (s.skip) return t.skip(s.skip);
    assert.equal(score(games, B), '40-41');
  });

  it('logs the entry with its game id and what was wrong, and counts it', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const entry = s.run.log.entries.find((e) => e.msg === 'scoreboard entry rejected');
    assert.ok(entry, `no "scoreboard entry rejected" log; got: ${s.run.log.entries.map((e) => e.msg).join(' | ')}`);
    assert.equal(entry.level, 'error');
    assert.equal(entry.fields.gameId, B);
    assert.equal(entry.fields.problem, 'schema mismatch at scoreboard.games[1].homeTeam (Invalid input: expected object, received string)');
    const metrics = await (await s.run.get('/metrics')).text();
    assert.ok(Number(seriesValue(metrics, 'courtside_scoreboard_entries_rejected_total')) >= 1, 'counted');
  });

  it('is no failed poll cycle: /health stays ok', async (t) => {
    if (s.skip) return t.skip(s.skip);
    assert.equal((await s.run.get('/health')).status, 200);
  });
});
