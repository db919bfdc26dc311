import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { Corks } from './corks.ts';
import { GAME_A, GAME_B, scoreUpdate } from '../testing/fixtures.ts';
import { startHarness } from '../testing/harness.ts';

const T = { timeout: 10_000 };

describe('Broadcaster corking', () => {
  it('holds each subscriber socket corked through a synchronous burst and releases it after', T, async (t) => {
    const h = await startHarness(t);
    const serverSockets: Socket[] = [];
    h.server.on('connection', (socket) => serverSockets.push(socket));
    const clients = [await h.connect(), await h.connect(`?game_ids=${GAME_B}`)];
    await Promise.all(clients.map((c) => c.nextOf('snapshot')));
    assert.equal(serverSockets.length, 2);

    for (let i = 1; i <= 15; i++) h.broadcaster.publish(scoreUpdate(GAME_A, i, 0));
    const [all, onlyB] = serverSockets as [Socket, Socket];
    // Every frame of the burst sits in the corked socket; the client of another game is untouched.
    assert.equal(all.writableCorked, 1);
    assert.ok(all.writableLength > 15 * 100, `${all.writableLength} bytes held`);
    assert.equal(onlyB.writableCorked, 0);

    await Promise.resolve();
    assert.equal(all.writableCorked, 0);
    const received = await clients[0]!.readThrough(15);
    assert.deepEqual(received.map((m) => m.seq), Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('does not count a burst’s own corked bytes as the reader falling behind', T, async (t) => {
    const h = await startHarness(t, { slowClientBytes: 1024 });
    const reader = await h.connect();
    await reader.nextOf('snapshot');
    for (let i = 1; i <= 15; i++) h.broadcaster.publish(scoreUpdate(GAME_A, i, 0));
    // Well over the threshold sits corked until the burst ends, yet nothing has been refused by the kernel.
    assert.equal(h.broadcaster.stats().slowClients, 0);
    const received = await reader.readThrough(15);
    assert.deepEqual(received.map((m) => m.seq), Array.from({ length: 15 }, (_, i) => i + 1));
    assert.equal(h.broadcaster.stats().droppedScoreUpdates, 0);
  });

  it('keeps order across bursts and with the messages sent between them', T, async (t) => {
    const h = await startHarness(t);
    const client = await h.connect();
    await client.nextOf('snapshot');
    h.broadcaster.publish(scoreUpdate(GAME_A, 1, 0));
    h.broadcaster.publish(scoreUpdate(GAME_B, 0, 2));
    client.ws.send('not json');
    await client.nextOf('error');
    h.broadcaster.publish(scoreUpdate(GAME_A, 3, 0));
    await client.nextOf('score_update');
    assert.deepEqual(client.messages.map((m) => `${m.type} ${m.seq}`), ['snapshot 0', 'score_update 1', 'score_update 2', 'error 2', 'score_update 3']);
  });

  it('closes a client in the middle of a burst without losing the other clients’ frames', T, async (t) => {
    const h = await startHarness(t);
    const leaving = await h.connect();
    const staying = await h.connect();
    await Promise.all([leaving.nextOf('snapshot'), staying.nextOf('snapshot')]);
    h.broadcaster.publish(scoreUpdate(GAME_A, 1, 0));
    leaving.ws.terminate();
    h.broadcaster.publish(scoreUpdate(GAME_A, 2, 0));
    await leaving.closed;
    for (let i = 3; i <= 5; i++) h.broadcaster.publish(scoreUpdate(GAME_A, i, 0));
    const received = await staying.readThrough(5);
    assert.deepEqual(received.map((m) => m.seq), [1, 2, 3, 4, 5]);
  });
});

describe('Corks', () => {
  it('corks a socket once per burst, however many writes, and uncorks every one after it', async () => {
    const log: string[] = [];
    const socket = (name: string) => ({ cork: () => log.push(`cork ${name}`), uncork: () => log.push(`uncork ${name}`) });
    const a = socket('a');
    const b = socket('b');
    const corks = new Corks();
    corks.hold(a);
    corks.hold(b);
    corks.hold(a);
    assert.equal(corks.holding, 2);
    assert.deepEqual(log, ['cork a', 'cork b']);
    await Promise.resolve();
    assert.deepEqual(log, ['cork a', 'cork b', 'uncork a', 'uncork b']);
    assert.equal(corks.holding, 0);
    corks.hold(a);
    await Promise.resolve();
    assert.deepEqual(log.slice(4), ['cork a', 'uncork a']);
  });
});
