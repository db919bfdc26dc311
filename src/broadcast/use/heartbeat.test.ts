import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { until } from '../testing/recording.ts';
import { Heartbeat, type Pingable } from './heartbeat.ts';

/** A connection that counts the pings it is sent; it answers only if the test makes it. */
class Peer implements Pingable {
  isAlive = true;
  pings = 0;

  ping(): void {
    this.pings += 1;
  }
}

describe('Heartbeat', () => {
  it('pings every client each beat and reports one that did not answer the previous ping', async (t) => {
    const answering = new Peer();
    const silent = new Peer();
    const clients = new Set<Peer>([answering, silent]);
    const dead: Peer[] = [];
    const heartbeat = new Heartbeat(10, () => clients, (client) => {
      dead.push(client);
      clients.delete(client);
    });
    t.after(() => heartbeat.stop());
    heartbeat.start();
    heartbeat.start();
    // The answering client's pong arrives right after the ping, before the next beat can run.
    const ping = answering.ping.bind(answering);
    answering.ping = () => {
      ping();
      setImmediate(() => (answering.isAlive = true));
    };
    await until(() => dead.length === 1);
    assert.equal(dead[0], silent);
    assert.equal(silent.pings, 1);
    await until(() => answering.pings >= 3);
    assert.deepEqual(dead, [silent]);
  });

  it('stops beating after stop()', async () => {
    const socket = new Peer();
    const heartbeat = new Heartbeat(10, () => [socket], () => {});
    heartbeat.start();
    await until(() => socket.pings === 1);
    heartbeat.stop();
    const pings = socket.pings;
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(socket.pings, pings);
  });
});
