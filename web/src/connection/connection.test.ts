import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffDelay } from './backoff.ts';
import { connect, type ConnectionState, type SocketLike } from './connection.ts';

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  drop() {
    this.onerror?.({});
    this.onclose?.({});
  }
}

describe('backoffDelay', () => {
  test('grows exponentially up to the cap, with full jitter and a floor', () => {
    const top = () => 0.999999;
    assert.equal(backoffDelay(1, { baseMs: 500, capMs: 15_000 }, top), 500);
    assert.equal(backoffDelay(3, { baseMs: 500, capMs: 15_000 }, top), 2000);
    assert.equal(backoffDelay(10, { baseMs: 500, capMs: 15_000 }, top), 15_000);
    assert.equal(backoffDelay(4, { baseMs: 500, capMs: 15_000 }, () => 0.5), 2000);
    assert.equal(backoffDelay(4, { baseMs: 500, capMs: 15_000 }, () => 0), 100);
  });
});

describe('connect', () => {
  test('reconnects with backoff, says offline after repeated failures, recovers', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const sockets: FakeSocket[] = [];
    const states: Array<[ConnectionState, number | null]> = [];
    const messages: unknown[] = [];
    const conn = connect({
      url: 'ws://127.0.0.1:8765/',
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      onMessage: (m) => messages.push(m),
      onState: (s, retry) => states.push([s, retry]),
      backoff: { baseMs: 1000, capMs: 8000 },
      offlineAfter: 2,
      random: () => 0.999999,
    });
    assert.deepEqual(states, [['connecting', null]]);
    sockets[0]?.open();
    sockets[0]?.onmessage?.({ data: 'hello' });
    assert.deepEqual(messages, ['hello']);
    assert.deepEqual(states.at(-1), ['connected', null]);

    sockets[0]?.drop();
    assert.deepEqual(states.at(-1), ['reconnecting', 1000]);
    t.mock.timers.tick(999);
    assert.equal(sockets.length, 1);
    t.mock.timers.tick(1);
    assert.equal(sockets.length, 2);
    sockets[1]?.drop();
    assert.deepEqual(states.at(-1), ['reconnecting', 2000]);
    t.mock.timers.tick(2000);
    sockets[2]?.drop();
    assert.deepEqual(states.at(-1), ['offline', 4000]);

    // "Retry now" skips the wait; success resets the backoff.
    conn.retryNow();
    assert.equal(sockets.length, 4);
    sockets[3]?.open();
    assert.deepEqual(states.at(-1), ['connected', null]);
    sockets[3]?.drop();
    assert.deepEqual(states.at(-1), ['reconnecting', 1000]);

    conn.close();
    t.mock.timers.tick(60_000);
    assert.equal(sockets.length, 4);
  });

  test('a dropped socket that was replaced no longer reports', () => {
    const sockets: FakeSocket[] = [];
    const states: ConnectionState[] = [];
    const conn = connect({
      url: 'ws://x/',
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      onMessage: () => {},
      onState: (s) => states.push(s),
    });
    conn.close();
    assert.equal(sockets[0]?.closed, true);
    sockets[0]?.drop();
    sockets[0]?.onmessage?.({ data: 'late' });
    assert.deepEqual(states, ['connecting']);
  });
});
