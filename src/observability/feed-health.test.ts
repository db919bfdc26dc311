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
    assert.deepEqual({ ...(failed.feed as object), last_success_at: null }, { url: 'http://127.0.0.1:1', breaker: 'closed', failed_cycles: 1, last_success_at: null });
    assert.equal((failed.last_error as { code: string }).code, 'forbidden');

    health.onResponse({ endpoint: 'scoreboard', url: URL, outcome: 'not_modified', status: 304, latencyMs: 3, attempts: 1 });
    assert.equal(health.report(state(0)).status, 'ok');
  });

  it('stays degraded while the breaker is open', () => {
    assert.equal(new FeedHealth().report(state(0, 'open')).status, 'degraded');
  });
});
