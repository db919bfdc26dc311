import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Client } from './client.ts';
import { Heartbeat } from './heartbeat.ts';
import { fakeClient } from './testing/fake-socket.ts';
import { until } from './testing/harness.ts';

describe('Heartbeat', () => {
  it('pings every client each beat and reports one that did not answer the previous ping', async (t) => {
    const answering = fakeClient();
    const silent = fakeClient();
    const clients = new Set<Client>([answering.client, silent.client]);
    const dead: Client[] = [];
    const heartbeat = new Heartbeat(10, () => clients, (client) => {
      dead.push(client);
      clients.delete(client);
    });
    t.after(() => heartbeat.stop());
    heartbeat.start();
    heartbeat.start();
    // The answering client's pong arrives right after the ping, before the next beat can run.
    const ping = answering.socket.ping.bind(answering.socket);
    answering.socket.ping = () => {
      ping();
      setImmediate(() => (answering.client.isAlive = true));
    };
    await until(() => dead.length === 1);
    assert.equal(dead[0], silent.client);
    assert.equal(silent.socket.pings, 1);
    await until(() => answering.socket.pings >= 3);
    assert.deepEqual(dead, [silent.client]);
  });

  it('stops beating after stop()', async () => {
    const { client, socket } = fakeClient();
    const heartbeat = new Heartbeat(10, () => [client], () => {});
    heartbeat.start();
    await until(() => socket.pings === 1);
    heartbeat.stop();
    const pings = socket.pings;
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(socket.pings, pings);
  });
});
