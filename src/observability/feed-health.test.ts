import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeedError } from '../feed/errors.ts';
import { FeedHealth } from './feed-health.ts';

const URL = 'http://127.0.0.1:1/static/json/liveData/scoreboard/todaysScoreboard_00.json';
const state = (failedCycles: number, breaker = 'closed') => ({ feedUrl: 'http://127.0.0.1:1', source: 'nba', breaker, failedCycles, games: [], clients: 0, modelVersion: 'm' });

describe('FeedHealth', () => {
  it('degrades on the first failed poll cycle, breaker closed and last success fresh, and recovers with the next good one', () => {
    const health = new FeedHealth();
    health.onResponse({ endpoint: 'scoreboard', url: URL, outcome: 'fresh', status: 200, latencyMs: 3, attempts: 1 });
    assert.equal(health.report(state(0)).status, 'ok');

    const error = new FeedError('forbidden', { url: URL, status: 403, detail: 'HTML page "Access Denied"' });
    health.onResponse({ endpoint: 'scoreboard', url: URL, outcome: 'error', status: 403, latencyMs: 3, attempts: 1, error });
    const failed = health.report(state(1));
    assert.equal(failed.status, 'degraded');
    assert.deepEqual({ ...(failed.feed as object), last_success_at: null, since: null }, { url: 'http://127.0.0.1:1', state: 'failing', since: null, breaker: 'closed', failed_cycles: 1, last_success_at: null });
    assert.equal((failed.last_error as { code: string }).code, 'forbidden');

    health.onResponse({ endpoint: 'scoreboard', url: URL, outcome: 'not_modified', status: 304, latencyMs: 3, attempts: 1 });
    assert.equal(health.report(state(0)).status, 'ok');
  });

  it('stays degraded while the breaker is open', () => {
    assert.equal(new FeedHealth().report(state(0, 'open')).status, 'degraded');
  });

  it('says when the feed started failing and why, keeps `since` while it fails, and clears the error when it recovers', () => {
    let now = Date.parse('2017-10-18T01:00:00.000Z');
    const health = new FeedHealth(() => now);
    const loop = (failedCycles: number, breaker = 'closed') => ({ breaker, failedCycles });
    health.onResponse({ endpoint: 'scoreboard', url: URL, outcome: 'fresh', status: 200, latencyMs: 3, attempts: 1 });
    assert.deepEqual(health.condition(loop(0)), { state: 'ok', since: '2017-10-18T01:00:00.000Z', last_success_at: '2017-10-18T01:00:00.000Z', last_error: null });

    now += 10_000;
    const error = new FeedError('network', { url: URL, detail: 'connect ECONNREFUSED 127.0.0.1:1' });
    health.onResponse({ endpoint: 'scoreboard', url: URL, outcome: 'error', latencyMs: 3, attempts: 3, error });
    now += 2_000;
    const failing = health.condition(loop(1));
    assert.equal(failing.state, 'failing');
    assert.equal(failing.since, '2017-10-18T01:00:10.000Z', 'since the failure\'s error, not the end of its cycle');
    assert.equal(failing.last_success_at, '2017-10-18T01:00:00.000Z');
    assert.deepEqual(failing.last_error, { at: '2017-10-18T01:00:10.000Z', endpoint: 'scoreboard', code: 'network', message: `connect ECONNREFUSED 127.0.0.1:1 from ${URL}` });

    now += 120_000;
    const breakerOpen = new FeedError('circuit_open', { url: URL, detail: 'circuit breaker open; request not sent' });
    health.onResponse({ endpoint: 'scoreboard', url: URL, outcome: 'error', latencyMs: 0, attempts: 0, error: breakerOpen });
    const still = health.condition(loop(0, 'open'));
    assert.equal(still.state, 'failing', 'an open breaker is failing, not stale');
    assert.equal(still.since, failing.since);
    assert.equal(still.last_error?.code, 'circuit_open');

    now += 5_000;
    health.onResponse({ endpoint: 'scoreboard', url: URL, outcome: 'fresh', status: 200, latencyMs: 3, attempts: 1 });
    assert.deepEqual(health.condition(loop(0)), { state: 'ok', since: '2017-10-18T01:02:17.000Z', last_success_at: '2017-10-18T01:02:17.000Z', last_error: null });
  });

  it('goes stale after a minute without an answer (none at all since the start, too), and ok with the next one', () => {
    let now = Date.parse('2017-10-18T01:00:00.000Z');
    const health = new FeedHealth(() => now);
    const loop = { breaker: 'closed', failedCycles: 0 };
    now += 59_999;
    assert.equal(health.condition(loop).state, 'ok', 'a minute of grace after the start');
    now += 1;
    assert.deepEqual(health.condition(loop), { state: 'stale', since: '2017-10-18T01:00:00.000Z', last_success_at: null, last_error: null });
    assert.equal(health.report({ ...state(0), ...loop }).status, 'degraded');
    health.onResponse({ endpoint: 'scoreboard', url: URL, outcome: 'not_modified', status: 304, latencyMs: 3, attempts: 1 });
    assert.equal(health.condition(loop).state, 'ok');
    now += 90_000;
    const stale = health.condition(loop);
    assert.equal(stale.state, 'stale');
    assert.equal(stale.since, '2017-10-18T01:01:00.000Z', 'since the last answer');
  });
});
