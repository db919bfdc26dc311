import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoreError } from './store-port.ts';
import { StoreHealth } from './store-health.ts';
import { CapturingLogger } from '../../test/support/capturing-logger.ts';

const full = new StoreError('full', '/data/courtside.db', '/data/courtside.db: saving game 0021700001: database or disk is full');
const readOnly = new StoreError('read_only', '/data/courtside.db', '/data/courtside.db: logging message 9: database file is read-only');

function setup() {
  let now = Date.parse('2017-10-18T01:00:00Z');
  const log = new CapturingLogger();
  const health = new StoreHealth({ logger: log, now: () => now });
  const pending = { messages: 0, games: 0, events: 0 };
  health.track('messages', () => pending.messages);
  health.track('games', () => pending.games);
  health.track('events', () => pending.events);
  health.track('events', () => 0);
  return { health, log, pending, advance: (ms: number) => (now += ms) };
}

describe('StoreHealth', () => {
  it('is degraded from the first failed write, with its cause and since when, until nothing waits to be written', () => {
    const { health, log, pending, advance } = setup();
    assert.deepEqual(health.state(), { degraded: false, since: null, cause: null, pending: { messages: 0, games: 0, events: 0 }, failures: {} });

    pending.games = 2;
    health.failed('saving game state', full);
    advance(30_000);
    pending.messages = 40;
    health.failed('saving game state', full);
    const down = health.state();
    assert.equal(down.degraded, true);
    assert.equal(down.since, '2017-10-18T01:00:00.000Z', 'since the first failure, not the latest');
    assert.deepEqual(down.cause, { code: 'full', operation: 'saving game state', message: full.message, at: '2017-10-18T01:00:30.000Z' });
    assert.deepEqual(down.pending, { messages: 40, games: 2, events: 0 });
    assert.deepEqual(down.failures, { full: 2 });
    assert.deepEqual(log.entries.map((e) => [e.level, e.msg]), [['error', 'store write failed; streaming from memory and retrying (degraded)']], 'one error per outage, not one per write');

    health.failed('logging a message', readOnly);
    assert.equal(log.entries.at(-1)?.level, 'warn', 'a new cause is worth a line');
    pending.games = 0;
    assert.equal(health.state().degraded, true, 'messages still held');
    pending.messages = 0;
    advance(60_000);
    health.refresh();
    const up = health.state();
    assert.deepEqual([up.degraded, up.since, up.cause?.code], [false, null, 'read_only'], 'the last incident stays readable');
    assert.deepEqual(up.failures, { full: 2, read_only: 1 });
    assert.deepEqual(log.entries.at(-1)?.fields, { down_s: 90, cause: 'read_only' });
  });

  it('starts a new degradation, with a new since, after a recovery', () => {
    const { health, pending, advance } = setup();
    pending.events = 1;
    health.failed('recording the forecast of game 0021700001', full);
    pending.events = 0;
    health.refresh();
    advance(5_000);
    pending.events = 1;
    health.failed('recording the forecast of game 0021700001', full);
    assert.equal(health.state().since, '2017-10-18T01:00:05.000Z');
  });
});
