/**
 * Issue 18: a failing feed looked like a quiet night (a green "Connected", "No games tonight").
 * The CDN answers, then 403s every scoreboard, then answers again: every client is told once
 * when the feed starts failing (with the cause and since when) and once when it recovers; a
 * client connecting meanwhile finds the failure in its snapshot; `/health` says the same.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FeedStatus } from '../../src/protocol/messages.ts';
import { liveGame, scoreboardJson, scriptedServiceForSuite } from '../support/scripted-service.ts';
import { Collector } from '../support/ws-collector.ts';

const GAME = '0042200121';
const BOARD = scoreboardJson([liveGame(GAME, 'PHIBKN', 50, 48)]);
const DENIED = '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>You don\'t have permission.</BODY></HTML>';

describe('feed_status through a 403 outage', () => {
  const s = scriptedServiceForSuite((cdn) => {
    cdn.answer = { status: 200, body: BOARD };
  });
  let early: Collector | undefined;
  const statuses = (c: Collector | undefined): FeedStatus[] => c?.ofType('feed_status') ?? [];

  before(async () => {
    if (s.skip) return;
    early = new Collector(`${s.run.service.wsUrl}?game_ids=${GAME}`);
    await early.opened;
  });
  after(() => early?.close());

  it('says ok once the first poll has answered, to a client following one game', async (t) => {
    if (s.skip) return t.skip(s.skip);
    await early?.until(() => statuses(early).length === 1, 10_000);
    const [ok] = statuses(early);
    assert.equal(ok?.state, 'ok');
    assert.equal(ok?.last_error, null);
    assert.ok(ok?.last_success_at, 'the first answer is known');
  });

  it('tells every client once when the scoreboard starts failing, with the cause and since when; a new client finds it in its snapshot', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { cdn, run } = s;
    const before = cdn.served.length;
    const started = Date.now();
    cdn.answer = { status: 403, body: DENIED };
    await early?.until(() => statuses(early).length === 2, 10_000);
    await cdn.until(() => cdn.served.filter((status, i) => i >= before && status === 403).length >= 3, 'three 403s');
    const failing = statuses(early)[1];
    assert.equal(failing?.state, 'failing');
    assert.equal(failing?.last_error?.code, 'forbidden');
    assert.equal(failing?.last_error?.endpoint, 'scoreboard');
    assert.match(failing?.last_error?.message ?? '', /^403 Forbidden from http:\/\/127\.0\.0\.1:\d+\/static\/json\/liveData\/scoreboard\/todaysScoreboard_00\.json: HTML page "Access Denied"/);
    const since = Date.parse(failing?.since ?? '');
    assert.ok(since >= started - 1 && since <= Date.now(), `since ${failing?.since} is the first 403`);
    assert.equal(statuses(early).length, 2, 'one message for the whole failure, not one per cycle');

    const late = new Collector(run.service.wsUrl);
    try {
      await late.until((ms) => ms.some((m) => m.type === 'snapshot'), 10_000);
      const { type: _t, seq: _s, timestamp: _ts, ...condition } = failing as FeedStatus;
      assert.deepEqual(late.ofType('snapshot')[0]?.feed_status, condition);
    } finally {
      late.close();
    }
    const health = (await (await run.get('/health')).json()) as { status: string; feed: { state: string; since: string } };
    assert.deepEqual([health.status, health.feed.state, health.feed.since], ['degraded', 'failing', failing?.since]);
  });

  it('says ok again, once, when the scoreboard answers again', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { cdn } = s;
    const requested = Date.now();
    cdn.answer = { status: 200, body: BOARD };
    await early?.until(() => statuses(early).length === 3, 10_000);
    const ok = statuses(early)[2];
    assert.equal(ok?.state, 'ok');
    assert.equal(ok?.last_error, null);
    assert.ok(Date.parse(ok?.since ?? '') >= requested - 1);
    assert.ok(Date.parse(ok?.last_success_at ?? '') >= requested - 1);
    assert.deepEqual(early?.invalid, []);
  });
});
