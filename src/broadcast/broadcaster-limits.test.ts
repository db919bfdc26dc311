import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { CloseCode } from './errors.ts';
import { GAME_A, scoreUpdate } from './testing/fixtures.ts';
import { refusedStatus, startHarness, TestClient, until } from './testing/harness.ts';

const T = { timeout: 10_000 };

describe('Broadcaster limits and lifecycle', () => {
  it('caps connections in total with 503, and admits again once one leaves', T, async (t) => {
    const h = await startHarness(t, { maxConnections: 2 });
    const first = await h.connect();
    await h.connect();
    assert.equal(await refusedStatus(h.url), 503);
    first.ws.close();
    await first.closed;
    await until(() => h.broadcaster.clientCount === 1);
    const again = await h.connect();
    assert.equal((await again.next()).type, 'snapshot');
    assert.equal(h.broadcaster.stats().rejectedConnections, 1);
    assert.equal(h.broadcaster.stats().refusals.server_full, 1);
  });

  it('counts refusals by cause and logs each cause at most once a second, then how many more there were', T, async (t) => {
    const h = await startHarness(t, { maxConnections: 1, path: '/stream' });
    await h.connect('stream');
    const statuses = await Promise.all(Array.from({ length: 40 }, () => refusedStatus(`${h.url}stream`)));
    assert.deepEqual(new Set(statuses), new Set([503]));
    assert.equal(await refusedStatus(h.url), 404);
    const stats = h.broadcaster.stats();
    assert.equal(stats.rejectedConnections, 41);
    assert.deepEqual(stats.refusals, { bad_target: 0, wrong_path: 1, origin_not_allowed: 0, bad_token: 0, server_full: 40, address_full: 0, shutting_down: 0 });
    const suppressed = () => h.logs.reduce((n, line) => n + Number(line.fields.suppressed ?? 0), 0);
    await until(() => suppressed() === 39);
    const refusals = h.logs.filter((line) => line.message.startsWith('connection refused'));
    assert.deepEqual(refusals.filter((line) => line.fields.suppressed === undefined).map((line) => [line.fields.cause, line.message]), [
      ['server_full', 'connection refused: server is at its limit of 1 connections'],
      ['wrong_path', 'connection refused: no WebSocket endpoint at /'],
    ]);
    // Refusals a second apart or more would each get a line; these came in one burst.
    assert.match(refusals.at(-1)?.message ?? '', /^connection refused: \d+ more \(server_full\) in the last second$/);
  });

  it('caps connections per address with 429, leaving other addresses alone', T, async (t) => {
    const h = await startHarness(t, { maxConnectionsPerAddress: 2 });
    await h.connect('', { localAddress: '127.0.0.1' });
    await h.connect('', { localAddress: '127.0.0.1' });
    assert.equal(await refusedStatus(h.url, { localAddress: '127.0.0.1' }), 429);
    const other = await h.connect('', { localAddress: '127.0.0.2' });
    assert.equal((await other.next()).type, 'snapshot');
  });

  it('frees the slots of a burst of connections opened and dropped', T, async (t) => {
    const h = await startHarness(t, { maxConnections: 50, maxConnectionsPerAddress: 50 });
    for (let round = 0; round < 3; round += 1) {
      const burst = await Promise.all(Array.from({ length: 50 }, () => h.connect()));
      for (const client of burst) client.ws.terminate();
      await Promise.all(burst.map((client) => client.closed));
      await until(() => h.broadcaster.clientCount === 0);
    }
    const survivor = await h.connect();
    assert.equal((await survivor.next()).type, 'snapshot');
  });

  it('stays up through a burst of raw upgrade requests that hang up at once, refused or not', T, async (t) => {
    const h = await startHarness(t, { maxConnections: 5 });
    const { port } = new URL(h.url);
    const request = [
      'GET / HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n');
    await Promise.all(
      Array.from({ length: 200 }, () =>
        new Promise<void>((resolve) => {
          const socket = connect(Number(port), '127.0.0.1', () => {
            socket.write(request);
            socket.resetAndDestroy();
          });
          socket.on('error', () => {});
          socket.on('close', () => resolve());
        }),
      ),
    );
    await until(() => h.broadcaster.clientCount === 0);
    const survivor = await h.connect();
    assert.equal((await survivor.next()).type, 'snapshot');
  });

  it('admits only allowed browser origins, and non-browser clients without one', T, async (t) => {
    const h = await startHarness(t, { allowedOrigins: ['https://courtside.example'] });
    assert.equal(await refusedStatus(h.url, { origin: 'https://evil.example' }), 403);
    const browser = await h.connect('', { origin: 'https://courtside.example' });
    assert.equal((await browser.next()).type, 'snapshot');
    const script = await h.connect();
    assert.equal((await script.next()).type, 'snapshot');
  });

  it('requires the token as a bearer header or ?token=', T, async (t) => {
    const h = await startHarness(t, { token: 'courtside-secret' });
    assert.equal(await refusedStatus(h.url), 401);
    assert.equal(await refusedStatus(h.url, { headers: { Authorization: 'Bearer wrong' } }), 401);
    const header = await h.connect('', { headers: { Authorization: 'Bearer courtside-secret' } });
    assert.equal((await header.next()).type, 'snapshot');
    const query = await h.connect('?token=courtside-secret');
    assert.equal((await query.next()).type, 'snapshot');
  });

  it('answers 404 on another path, and leaves plain HTTP to the server', T, async (t) => {
    const h = await startHarness(t, { path: '/stream' });
    assert.equal(await refusedStatus(h.url), 404);
    const client = await h.connect('stream');
    assert.equal((await client.next()).type, 'snapshot');
    const response = await fetch(h.url.replace('ws:', 'http:'));
    assert.equal(response.status, 404);
  });

  it('terminates a client that stops answering pings, and keeps one that answers', T, async (t) => {
    const h = await startHarness(t, { heartbeatIntervalMs: 50 });
    const silent = await h.connect('', { autoPong: false });
    const lively = await h.connect();
    const closed = await silent.closed;
    assert.equal(closed.code, 1006);
    assert.equal(lively.ws.readyState, lively.ws.OPEN);
    assert.equal(h.broadcaster.clientCount, 1);
    assert.equal(h.broadcaster.stats().deadPeersTerminated, 1);
    assert.equal(h.broadcaster.stats().closes.dead_peer, 1);
    await lively.nextOf('snapshot');
    h.broadcaster.publish(scoreUpdate(GAME_A, 1, 0));
    assert.deepEqual((await lively.readThrough(1)).map((m) => m.type), ['score_update']);
  });

  it('counts every connection that ends once, by cause', T, async (t) => {
    const h = await startHarness(t, { maxPayloadBytes: 1024 });
    const leaving = await h.connect();
    const oversized = await h.connect();
    const staying = await h.connect();
    await Promise.all([leaving, oversized, staying].map((c) => c.next()));
    leaving.ws.close();
    oversized.ws.send('x'.repeat(4 * 1024 + 1));
    assert.equal((await oversized.closed).code, 1009);
    await until(() => h.broadcaster.clientCount === 1);
    await h.broadcaster.close();
    await staying.closed;
    const { closes } = h.broadcaster.stats();
    assert.deepEqual(closes, { slow_consumer: 0, output_budget: 0, rate_limited: 0, dead_peer: 0, protocol_error: 1, snapshot_unavailable: 0, shutdown: 1, peer_closed: 1 });
  });

  it('close() sends 1001 to everyone, refuses new clients and resolves when all are gone', T, async (t) => {
    const h = await startHarness(t);
    const clients = await Promise.all([h.connect(), h.connect(), h.connect()]);
    await Promise.all(clients.map((c) => c.next()));
    await h.broadcaster.close();
    for (const client of clients) {
      assert.deepEqual(await client.closed, { code: CloseCode.GOING_AWAY, reason: 'server shutting down' });
    }
    assert.equal(h.broadcaster.clientCount, 0);
    assert.equal(await refusedStatus(h.url), 503);
  });

  it('close() terminates a client that never answers the close frame, after closeGraceMs', T, async (t) => {
    const h = await startHarness(t, { closeGraceMs: 50 });
    const stuck = await h.connect();
    await stuck.next();
    // A paused socket never reads the close frame, so never answers it.
    (stuck.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await h.broadcaster.close();
    assert.equal(h.broadcaster.clientCount, 0);
  });

  it('keeps numbering and logging after close(), so the next run can resume through it', T, async (t) => {
    const h = await startHarness(t);
    await h.broadcaster.close();
    assert.equal(h.broadcaster.publish(scoreUpdate(GAME_A, 1, 0)), 1);
  });

  it('whenFlushed resolves once every client has been handed everything', T, async (t) => {
    const h = await startHarness(t);
    const client = await h.connect();
    await client.next();
    for (let i = 1; i <= 100; i += 1) h.broadcaster.publish(scoreUpdate(GAME_A, i, 0));
    await h.broadcaster.whenFlushed();
    await client.readThrough(100);
    await h.broadcaster.close();
    await h.broadcaster.whenFlushed();
  });

  it('routes upgrades through handleUpgrade when the server is not given', T, async (t) => {
    const { createServer } = await import('node:http');
    const { Broadcaster } = await import('./broadcaster.ts');
    const server = createServer();
    const broadcaster = new Broadcaster({ snapshot: () => [], validateOutgoing: true });
    server.on('upgrade', (req, socket, head) => broadcaster.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(async () => {
      await broadcaster.close();
      await new Promise((resolve) => server.close(resolve));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const client = await TestClient.connect(`ws://127.0.0.1:${port}`);
    assert.equal((await client.next()).type, 'snapshot');
  });
});
