import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Client } from './client.ts';
import { makeFrame, type Frame } from './history.ts';
import { SlowClients } from './slow-clients.ts';
import { fakeClient } from './testing/fake-socket.ts';
import { until } from './testing/harness.ts';

const THRESHOLD = 10_000;

function score(seq: number, gameId = 'A'): Frame {
  return makeFrame(seq, 'score_update', gameId, Buffer.from(String(seq)));
}

function watcher(timeoutMs = 60_000) {
  const caughtUp: Array<{ client: Client; owed: number[] }> = [];
  const timedOut: Client[] = [];
  const slow = new SlowClients({
    thresholdBytes: THRESHOLD,
    timeoutMs,
    onCaughtUp: (client, owed) => caughtUp.push({ client, owed: owed.map((f) => f.seq) }),
    onTimeout: (client) => timedOut.push(client),
  });
  return { slow, caughtUp, timedOut };
}

describe('SlowClients', () => {
  it('leaves a client alone while its buffer is at or under the threshold', (t) => {
    const { slow } = watcher();
    t.after(() => slow.stop());
    const { client, socket } = fakeClient();
    socket.bufferedAmount = THRESHOLD;
    assert.equal(slow.isBehind(client), false);
    assert.equal(client.backlog, undefined);
    assert.equal(slow.count, 0);
  });

  it('gives a client over the threshold a backlog, and keeps it behind until it drains to half', async (t) => {
    const { slow, caughtUp } = watcher();
    t.after(() => slow.stop());
    const { client, socket } = fakeClient();
    socket.bufferedAmount = THRESHOLD + 1;
    assert.equal(slow.isBehind(client), true);
    client.backlog?.add(score(1));
    client.backlog?.add(score(2));
    client.backlog?.add(score(3, 'B'));
    socket.bufferedAmount = THRESHOLD / 2 + 1;
    assert.equal(slow.isBehind(client), true, 'under the threshold but not drained: still behind');
    assert.equal(slow.dropped, 1);
    socket.bufferedAmount = THRESHOLD / 2;
    await until(() => caughtUp.length === 1);
    assert.deepEqual(caughtUp[0]?.owed, [2, 3]);
    assert.equal(client.backlog, undefined);
    assert.equal(slow.count, 0);
    assert.equal(slow.dropped, 1, 'drops are remembered after the client leaves the watch');
  });

  it('hands a client that stays behind past the timeout to onTimeout', async (t) => {
    const { slow, timedOut, caughtUp } = watcher(20);
    t.after(() => slow.stop());
    const { client, socket } = fakeClient();
    const { client: other, socket: otherSocket } = fakeClient();
    socket.bufferedAmount = THRESHOLD * 3;
    otherSocket.bufferedAmount = 0;
    slow.isBehind(client);
    slow.isBehind(other);
    await until(() => timedOut.length === 1);
    assert.equal(timedOut[0], client);
    assert.equal(client.backlog, undefined);
    assert.deepEqual(caughtUp, []);
    assert.equal(slow.count, 0);
  });

  it('forgets a client that left, and stop() forgets all', (t) => {
    const { slow } = watcher();
    t.after(() => slow.stop());
    const a = fakeClient();
    const b = fakeClient();
    a.socket.bufferedAmount = b.socket.bufferedAmount = THRESHOLD + 1;
    slow.isBehind(a.client);
    slow.isBehind(b.client);
    assert.equal(slow.count, 2);
    slow.forget(a.client);
    slow.forget(a.client);
    assert.equal(slow.count, 1);
    slow.stop();
    assert.equal(slow.count, 0);
    assert.equal(b.client.backlog, undefined);
  });
});
