/**
 * Issue 16, finding 6: a scoreboard score going backwards was broadcast without a word, where the
 * play-by-play path warns. A live game at 50-48, then 47-48 thirty seconds of game time later (a
 * three taken off on review): the lower score is applied and streamed, as the NBA shows it, and
 * logged with the game and both scores, and counted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seriesValue } from '../../src/observability/testing/series.ts';
import { liveGame, scoreboardJson, scriptedServiceForSuite } from '../support/scripted-service.ts';
import { Collector } from '../support/ws-collector.ts';

const GAME = '0042200121';

describe('a scoreboard score going backwards', () => {
  const s = scriptedServiceForSuite((cdn) => {
    cdn.answer = { status: 200, body: scoreboardJson([liveGame(GAME, 'PHIBKN', 50, 48, 2, 'PT05M00.00S')]) };
  });
  let client: Collector | undefined;
  const scores = () => (client?.ofType('score_update') ?? []).filter((m) => m.game_id === GAME).map((m) => `${m.data.home_score}-${m.data.away_score}`);

  before(async () => {
    if (s.skip) return;
    client = new Collector(s.run.service.wsUrl.replace('localhost', '127.0.0.1'));
    await client.opened;
    await s.run.poll<{ games: unknown[] }>('/api/games', (g) => g.games.length === 1);
    s.cdn.answer = { status: 200, body: scoreboardJson([liveGame(GAME, 'PHIBKN', 47, 48, 2, 'PT04M30.00S')]) };
    await client.until(() => scores().includes('47-48'), 10_000);
  });
  after(() => client?.close());

  it('is applied and streamed, as the NBA shows it', (t) => {
    if (s.skip) return t.skip(s.skip);
    assert.deepEqual(scores().slice(-2), ['50-48', '47-48']);
  });

  it('is logged with the game and both scores, and counted', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const warning = s.run.log.entries.find((e) => /score went backwards on the scoreboard/.test(e.msg));
    assert.ok(warning, `no warning; got: ${s.run.log.entries.map((e) => e.msg).join(' | ')}`);
    assert.equal(warning.level, 'warn');
    assert.equal(warning.fields.gameId, GAME);
    assert.deepEqual([warning.fields.from, warning.fields.to, warning.fields.period, warning.fields.clock], ['50-48', '47-48', 2, '04:30']);
    const metrics = await (await s.run.get('/metrics')).text();
    assert.equal(seriesValue(metrics, 'courtside_scoreboard_backward_scores_total'), '1');
  });
});
