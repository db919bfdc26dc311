/**
 * Issue 16, finding 2: a client subscribed to a game no one tracks, sending invalid messages and
 * never reading the error replies, took the server from 0.37 to 4.1 GB and was never shed. Here
 * the server runs in a process of its own (so its memory is its own) and the client floods it
 * until the server closes it. Bar: the server's resident memory grows by less than 64 MB, and the
 * client is closed: by its rate limit with the server's defaults, by its output budget when the
 * rate limits are lifted. The heartbeat (30 s) cannot be what ends it: the test is over sooner.
 */
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { WebSocket } from 'ws';
import type { BroadcasterOptions, BroadcastStats } from '../../src/broadcast/index.ts';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags.ts';
import type { ServerReply } from './support/stream-server.ts';

const MB = 2 ** 20;
const BAR_BYTES = 64 * MB;
/** No game is tracked under this id: nothing the server publishes would ever check on this client. */
const UNTRACKED = '0021799999';
/** Invalid: an unknown type, answered with an `error` that quotes it (about 1.1 kB per reply). */
const INVALID = JSON.stringify({ type: 'x'.repeat(1_000) });

interface StreamServer {
  readonly url: string;
  ask<T extends ServerReply['type']>(what: T): Promise<Extract<ServerReply, { type: T }>>;
}

async function startServer(t: TestContext, options: Partial<BroadcasterOptions>): Promise<StreamServer> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'support/stream-server.ts'), [JSON.stringify(options)], {
    execArgv: [...SERVICE_NODE_FLAGS, '--import', 'tsx'],
  });
  t.after(() => void child.kill());
  const next = <T extends ServerReply['type']>(type: T): Promise<Extract<ServerReply, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onExit = (): void => reject(new Error(`the server exited before answering ${type}`));
      const onMessage = (reply: ServerReply): void => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(reply as Extract<ServerReply, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { port } = await next('ready');
  return {
    url: `ws://127.0.0.1:${port}/`,
    ask(what) {
      const reply = next(what);
      child.send(what);
      return reply;
    },
  };
}

interface Flood {
  readonly growthBytes: number;
  readonly sent: number;
  readonly stats: BroadcastStats;
}

/**
 * Connects, stops reading, and sends invalid messages until the server has closed the client, or
 * its memory has grown past the bar (no point going on), or 30 s have passed.
 */
async function flood(server: StreamServer): Promise<Flood> {
  const ws = new WebSocket(`${server.url}?game_ids=${UNTRACKED}`);
  ws.on('error', () => {});
  await new Promise((resolve) => ws.once('message', resolve));
  const baseline = (await server.ask('memory')).rss;
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  let peak = baseline;
  let sent = 0;
  let sampledAt = 0;
  let stats = (await server.ask('stats')).stats;
  const deadline = performance.now() + 30_000;
  const ended = (s: BroadcastStats): number => s.clients === 0 ? 1 : 0;
  while (ended(stats) === 0 && peak - baseline < BAR_BYTES && performance.now() < deadline) {
    for (let i = 0; i < 200; i += 1) ws.send(INVALID);
    sent += 200;
    await turn();
    if (performance.now() - sampledAt >= 20) {
      sampledAt = performance.now();
      peak = Math.max(peak, (await server.ask('memory')).rss);
      stats = (await server.ask('stats')).stats;
    }
  }
  // Whatever was in flight when it was closed is read and dropped: watch a little longer.
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    peak = Math.max(peak, (await server.ask('memory')).rss);
  }
  ws.terminate();
  return { growthBytes: peak - baseline, sent, stats: (await server.ask('stats')).stats };
}

function report(t: TestContext, name: string, result: Flood): void {
  t.diagnostic(`${name}: ${result.sent} invalid messages sent; server memory +${(result.growthBytes / MB).toFixed(1)} MB; closes ${JSON.stringify(result.stats.closes)}`);
}

describe('attack: a client that never reads, flooding invalid messages', { timeout: 120_000 }, () => {
  it('is closed for its rate with the server\'s defaults, the server growing by less than 64 MB', async (t) => {
    const server = await startServer(t, {});
    const result = await flood(server);
    report(t, 'defaults', result);
    assert.ok(result.growthBytes < BAR_BYTES, `server memory grew by ${(result.growthBytes / MB).toFixed(1)} MB`);
    assert.equal(result.stats.clients, 0, 'the client was closed');
    assert.equal(result.stats.closes.rate_limited, 1);
  });

  it('is closed for what it is owed when its rate is not limited, the server growing by less than 64 MB', async (t) => {
    const server = await startServer(t, { maxMessagesPerSecond: 1_000_000 });
    const result = await flood(server);
    report(t, 'no rate limit', result);
    assert.ok(result.growthBytes < BAR_BYTES, `server memory grew by ${(result.growthBytes / MB).toFixed(1)} MB`);
    assert.equal(result.stats.clients, 0, 'the client was closed');
    assert.equal(result.stats.closes.output_budget, 1);
  });
});
