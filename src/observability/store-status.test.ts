import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import type { StoreHealthState } from '../service/store-health.ts';
import { registerStoreMetrics, withStoreStatus } from './store-status.ts';
import { seriesValue } from './testing/series.ts';

const cause = { code: 'full', operation: 'saving game state', message: '/data/courtside.db: saving game 0021700001: database or disk is full', at: '2017-10-18T01:00:30.000Z' };
const degraded: StoreHealthState = {
  degraded: true, since: '2017-10-18T01:00:00.000Z', cause, pending: { messages: 40, games: 2, events: 1 }, failures: { full: 7, read_only: 1 },
};
const recovered: StoreHealthState = { ...degraded, degraded: false, since: null, pending: { messages: 0, games: 0, events: 0 } };

describe('store status', () => {
  it('makes /health degraded with the cause and since when, and says ok with the last incident after', () => {
    const feedOk = { status: 'ok' as const, clients: 3 };
    assert.deepEqual(withStoreStatus(feedOk, degraded), {
      status: 'degraded', clients: 3,
      store: { status: 'degraded', degraded_since: '2017-10-18T01:00:00.000Z', cause, pending: { messages: 40, games: 2, events: 1 }, failed_writes: 8, last_failure: cause },
    });
    const after = withStoreStatus(feedOk, recovered);
    assert.equal(after.status, 'ok');
    assert.deepEqual(after.store, { status: 'ok', degraded_since: null, cause: null, pending: { messages: 0, games: 0, events: 0 }, failed_writes: 8, last_failure: cause });
    assert.equal(withStoreStatus({ status: 'degraded' }, recovered).status, 'degraded', 'a feed problem is not hidden by a healthy store');
  });

  it('exposes the degradation, its cause, since when, failures and what waits to be written on /metrics', async () => {
    const registry = new Registry();
    let state = degraded;
    registerStoreMetrics(registry, () => state);
    let text = await registry.metrics();
    assert.equal(seriesValue(text, 'courtside_store_degraded{cause="full"}'), '1');
    assert.equal(seriesValue(text, 'courtside_store_degraded_since_timestamp_seconds'), String(Date.parse('2017-10-18T01:00:00Z') / 1000));
    assert.equal(seriesValue(text, 'courtside_store_write_failures_total{code="full"}'), '7');
    assert.equal(seriesValue(text, 'courtside_store_write_failures_total{code="read_only"}'), '1');
    assert.equal(seriesValue(text, 'courtside_store_pending_writes{kind="messages"}'), '40');
    assert.equal(seriesValue(text, 'courtside_store_pending_writes{kind="events"}'), '1');
    state = recovered;
    text = await registry.metrics();
    assert.equal(seriesValue(text, 'courtside_store_degraded{cause="full"}'), undefined);
    assert.equal(seriesValue(text, 'courtside_store_degraded{cause="none"}'), '0');
    assert.equal(seriesValue(text, 'courtside_store_degraded_since_timestamp_seconds'), 'Nan');
    assert.equal(seriesValue(text, 'courtside_store_pending_writes{kind="messages"}'), '0');
  });
});
