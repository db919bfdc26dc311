/**
 * Issue 16, finding 6: `/health` read "ok" through a total 403 outage for up to a minute: a 403
 * is not transient, so the breaker never opens, and the last success stays "fresh" for 60 s. The
 * CDN answers the scoreboard, then a 403 page once, then holds the next request: between the two
 * cycles `/health` must already say degraded, with the failure; after one good answer, ok again.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { liveGame, scoreboardJson, scriptedServiceForSuite } from '../support/scripted-service.ts';

const BOARD = scoreboardJson([liveGame('0042200121', 'PHIBKN', 50, 48)]);
const DENIED = '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>You don\'t have permission.</BODY></HTML>';

interface Health {
  status: string;
  feed: { breaker: string; failed_cycles: number };
  last_error: { endpoint: string; code: string } | null;
}

describe('/health through a 403 outage', () => {
  const s = scriptedServiceForSuite((cdn) => {
    cdn.answer = { status: 200, body: BOARD };
  });
  const health = async (): Promise<{ code: number; body: Health }> => {
    const res = await s.run.get('/health');
    return { code: res.status, body: (await res.json()) as Health };
  };

  before(async () => {
    if (s.skip) return;
    await s.cdn.until(() => s.cdn.served.length >= 2, 'two good scoreboards');
  });

  it('is ok while the scoreboard answers', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { code, body } = await health();
    assert.equal(code, 200);
    assert.equal(body.status, 'ok');
  });

  it('says degraded after the first failed cycle, breaker still closed, naming the 403', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { cdn } = s;
    const before = cdn.served.length;
    cdn.answer = { status: 403, body: DENIED };
    await cdn.until(() => cdn.served.length === before + 1, 'one 403');
    cdn.hold = true;
    // The next cycle has started (its scoreboard request is held), so the failed one is over.
    await cdn.until(() => cdn.held.length === 1, 'the next scoreboard request');
    const { code, body } = await health();
    assert.deepEqual(cdn.served.slice(before), [403]);
    assert.equal(code, 503);
    assert.equal(body.status, 'degraded');
    assert.equal(body.feed.breaker, 'closed');
    assert.equal(body.feed.failed_cycles, 1);
    assert.deepEqual([body.last_error?.endpoint, body.last_error?.code], ['scoreboard', 'forbidden']);
  });

  it('is ok again after the next good cycle', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { cdn } = s;
    const before = cdn.served.length;
    cdn.answer = { status: 200, body: BOARD };
    cdn.release();
    cdn.hold = true;
    await cdn.until(() => cdn.served.length === before + 1 && cdn.held.length === 1, 'one good answer, then the next request');
    const { code, body } = await health();
    assert.equal(code, 200);
    assert.equal(body.status, 'ok');
    assert.equal(body.feed.failed_cycles, 0);
    cdn.release();
  });
});
