/**
 * Connection states and backoff against real sockets: a hand-written WebSocket server on an
 * ephemeral port that refuses, accepts or drops connections as each test needs, and the real
 * broadcaster for the token.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { gameSnapshot, GAME_A } from '../../../src/broadcast/testing/fixtures.ts';
import { startHarness } from '../../../src/broadcast/testing/harness.ts';
import { CourtsideClient, type ClientOptions, type ConnectionStatus } from './index.ts';
import { snapshot } from './testing/messages.ts';
import { Recorder } from './testing/recorder.ts';

const T = { timeout: 15_000 };
/** The top of the jitter: every delay is its ceiling, so the test knows it. */
const TOP = () => 0.999_999;

type Decision = 'refuse' | 'close-at-once' | 'greet';

interface Door {
  readonly url: string;
  /** When each connection attempt arrived (ms), and the URL it asked for. */
  readonly attempts: Array<{ at: number; url: string }>;
  /** Drops every open connection, as a crashing server would. */
  dropAll(): void;
}

/** A WebSocket server that decides each attempt with `decide(n)` (n from 1). */
async function startDoor(t: TestContext, decide: (attempt: number) => Decision): Promise<Door> {
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true });
  const attempts: Door['attempts'] = [];
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    attempts.push({ at: performance.now(), url: req.url ?? '' });
    const decision = decide(attempts.length);
    if (decision === 'refuse') {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (decision === 'close-at-once') ws.close(1011, 'snapshot unavailable');
      else ws.send(JSON.stringify(snapshot(attempts.length, [])));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    for (const ws of wss.clients) ws.terminate();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    attempts,
    dropAll: () => {
      for (const ws of wss.clients) ws.terminate();
    },
  };
}

function open(t: TestContext, url: string, options: Partial<ClientOptions> = {}): { client: CourtsideClient; seen: Recorder } {
  const client = new CourtsideClient({ url, WebSocket, random: TOP, ...options });
  t.after(() => client.close());
  return { client, seen: new Recorder(client) };
}

const waits = (statuses: readonly ConnectionStatus[]) => statuses.filter((s) => s.retryInMs !== null).map((s) => [s.state, s.retryInMs, s.failures]);

describe('CourtsideClient connection', () => {
  it('backs off exponentially up to the cap, says offline after repeated failures, and starts afresh once connected', T, async (t) => {
    const door = await startDoor(t, (n) => (n <= 5 ? 'refuse' : 'greet'));
    const { client, seen } = open(t, door.url, { backoff: { baseMs: 40, capMs: 160 }, offlineAfter: 3 });
    assert.equal(client.connection.state, 'connecting');
    await client.whenSynced();
    assert.deepEqual(waits(seen.statuses), [
      ['reconnecting', 40, 1],
      ['reconnecting', 80, 2],
      ['offline', 160, 3],
      ['offline', 160, 4],
      ['offline', 160, 5],
    ]);
    assert.equal(seen.statuses.at(-1)?.state, 'connected');
    assert.equal(door.attempts.length, 6);
    // Each attempt waited at least the delay it announced.
    const announced = [40, 80, 160, 160, 160];
    for (let i = 1; i < door.attempts.length; i += 1) {
      const waited = (door.attempts[i]?.at ?? 0) - (door.attempts[i - 1]?.at ?? 0);
      assert.ok(waited >= (announced[i - 1] ?? 0) - 2, `attempt ${i + 1} came ${waited.toFixed(1)} ms after the previous one, announced ${announced[i - 1]} ms`);
    }
    const before = seen.statuses.length;
    door.dropAll();
    await seen.until('the drop', () => seen.statuses.length > before);
    assert.deepEqual(waits(seen.statuses.slice(before)), [['reconnecting', 40, 1]], 'a healthy connection resets the backoff');
    assert.equal(seen.statuses.at(-1)?.lastClose?.code, 1006);
  });

  it('does not start afresh after a connection the server closes before sending anything', T, async (t) => {
    const door = await startDoor(t, () => 'close-at-once');
    const { seen } = open(t, door.url, { backoff: { baseMs: 20, capMs: 1000 } });
    await seen.until('four closes', () => door.attempts.length >= 4);
    assert.deepEqual(waits(seen.statuses).slice(0, 3), [['reconnecting', 20, 1], ['reconnecting', 40, 2], ['reconnecting', 80, 3]]);
    assert.deepEqual(seen.statuses.find((s) => s.retryInMs !== null)?.lastClose, { code: 1011, reason: 'snapshot unavailable' });
  });

  it('reconnect() skips the wait; close() stops for good, even while waiting', T, async (t) => {
    const door = await startDoor(t, (n) => (n === 1 ? 'refuse' : 'greet'));
    const { client, seen } = open(t, door.url, { backoff: { baseMs: 60_000, capMs: 60_000 } });
    await seen.until('the refusal', () => client.connection.state === 'reconnecting');
    assert.equal(client.connection.retryInMs, 60_000);
    client.reconnect();
    await client.whenSynced();
    assert.equal(door.attempts.length, 2);
    client.reconnect();
    assert.equal(door.attempts.length, 2, 'nothing to skip while connected');

    door.dropAll();
    await seen.until('the drop', () => client.connection.state === 'reconnecting');
    await client.close();
    assert.deepEqual(client.connection, { state: 'closed', retryInMs: null, failures: 1, lastClose: client.connection.lastClose });
    assert.equal(seen.statuses.at(-1)?.state, 'closed');
    client.reconnect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(door.attempts.length, 2, 'no attempt after close');
  });

  it('a listener may close the client from inside a connection event', T, async (t) => {
    const door = await startDoor(t, () => 'refuse');
    const { client } = open(t, door.url, { backoff: { baseMs: 5, capMs: 5 } });
    client.on('connection', (s) => void (s.failures >= 2 && client.close()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(client.connection.state, 'closed');
    assert.equal(door.attempts.length, 2);
  });

  it('passes the token and the subscription in the URL, keeping the URL\'s own query', T, async (t) => {
    const door = await startDoor(t, () => 'greet');
    const { client } = open(t, `${door.url}?client=tests`, { token: 's3cret/+', games: [GAME_A] });
    await client.whenSynced();
    const query = new URL(door.attempts[0]?.url ?? '', 'ws://x').searchParams;
    assert.deepEqual(Object.fromEntries(query), { client: 'tests', token: 's3cret/+', game_ids: GAME_A });

    const h = await startHarness(t, { token: 'right' }, [gameSnapshot(GAME_A)]);
    const right = open(t, h.url, { token: 'right' });
    await right.client.whenSynced();
    assert.deepEqual([...right.client.games.keys()], [GAME_A]);
    const wrong = open(t, h.url, { token: 'wrong' });
    await wrong.seen.until('the refusal', () => wrong.client.connection.state === 'reconnecting');
    assert.equal(wrong.client.synced, false);
  });

  it('uses the global WebSocket when there is one, and says what to do when there is none', T, async (t) => {
    const global = globalThis as { WebSocket?: unknown };
    const had = global.WebSocket;
    t.after(() => {
      global.WebSocket = had;
    });
    global.WebSocket = undefined;
    assert.throws(() => new CourtsideClient({ url: 'ws://127.0.0.1:1/' }), {
      code: 'ERR_NO_WEBSOCKET',
      message: 'no WebSocket implementation: this runtime has no global WebSocket (Node 20); pass one, e.g. { WebSocket } from the ws package',
    });
    global.WebSocket = WebSocket;
    const door = await startDoor(t, () => 'greet');
    const client = new CourtsideClient({ url: door.url });
    t.after(() => client.close());
    await client.whenSynced();
  });
});
