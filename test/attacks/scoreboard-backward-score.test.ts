/**
 * Issue 16, finding 6: a scoreboard score going backwards was broadcast without a word, where the
 * play-by-play path warns. A live game at 50-48, then 47-48 thirty seconds of game time later (a
 * three taken off on review): the lower score is applied and streamed, as the NBA shows it, and
 * logged with the game and both scores, and counted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seriesValue } from '../../src/observability/testing/series.ts';
import { findDataDir } from '../support/data.ts';
import { liveGame, ScriptedCdn, scoreboardJson, startScriptedService, type ScriptedService } from '../support/scripted-service.ts';
import { Collector } from '../support/ws-collector.ts';

const GAME = '0042200121';

describe('a scoreboard score going backwards', () => {
  const data = findDataDir('minute_diffs.csv');
  let cdn: ScriptedCdn;
  let run: ScriptedService;
  let client: Collector;
  const scores = () => client.ofType('score_update').filter((m) => m.game_id === GAME).map((m) => `${m.data.home_score}-${m.data.away_score}`);

  before(async () => {
    if (!data.dir) return;
    cdn = await ScriptedCdn.start();
    cdn.answer = { status: 200, body: scoreboardJson([liveGame(GAME, 'PHIBKN', 50, 48, 2, 'PT05M00.00S')]) };
    run = await startScriptedService(cdn, data.dir);
    client = new Collector(run.service.wsUrl.replace('localhost', '127.0.0.1'));
    await client.opened;
    await run.poll<{ games: unknown[] }>('/api/games', (g) => g.games.length === 1);
    cdn.answer = { status: 200, body: scoreboardJson([liveGame(GAME, 'PHIBKN', 47, 48, 2, 'PT04M30.00S')]) };
    await client.until(() => scores().includes('47-48'), 10_000);
  });
  after(async () => {
    client?.close();
    await run?.close();
    await cdn?.close();
  });

  it('is applied and streamed, as the NBA shows it', (t) => {
    if (!data.dir) return t.skip(data.reason);
    assert.deepEqual(scores().slice(-2), ['50-48', '47-48']);
  });

  it('is logged with the game and both scores, and counted', async (t) => {
    if (!data.dir) return t.skip(data.reason);
    const warning = run.log.entries.find((e) => /score went backwards on the scoreboard/.test(e.msg));
    assert.ok(warning, `no warning; got: ${run.log.entries.map((e) => e.msg).join(' | ')}`);
    assert.equal(warning.level, 'warn');
    assert.equal(warning.fields.gameId, GAME);
    assert.deepEqual([warning.fields.from, warning.fields.to, warning.fields.period, warning.fields.clock], ['50-48', '47-48', 2, '04:30']);
    const metrics = await (await run.get('/metrics')).text();
    assert.equal(seriesValue(metrics, 'courtside_scoreboard_backward_scores_total'), '1');
  });
});
