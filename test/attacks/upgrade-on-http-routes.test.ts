/**
 * Issue 16, finding 6: any `Upgrade` header on an HTTP route got a 404, because the stream
 * claimed every upgrade request. Requests asking for another protocol (`curl --http2`'s h2c, a
 * TLS upgrade) must be answered over HTTP/1.1 by the ordinary routes, `/health` with 200, while a
 * WebSocket client still gets the stream and a WebSocket handshake elsewhere is still refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rawRequest } from '../support/raw-http.ts';
import { scriptedServiceForSuite } from '../support/scripted-service.ts';
import { Collector } from '../support/ws-collector.ts';

// `Connection: close` as well: answered as ordinary requests, these would otherwise keep the connection open.
const H2C = 'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\nConnection: close\r\n';

describe('an Upgrade header on an HTTP route', () => {
  const s = scriptedServiceForSuite();

  it('/health with Upgrade: h2c answers 200 over HTTP/1.1', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { run } = s;
    const res = await rawRequest(run.service.port, `GET /health HTTP/1.1\r\nHost: localhost\r\n${H2C}`);
    assert.equal(res.status, 200, res.head);
    assert.doesNotMatch(res.head, /^upgrade:/im, 'the upgrade is declined');
    assert.equal((JSON.parse(res.body) as { status: string }).status, 'ok');
  });

  it('the other routes answer as they would without it', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { run } = s;
    const port = run.service.port;
    const games = await rawRequest(port, `GET /api/games HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, close\r\nUpgrade: TLS/1.2\r\n`);
    assert.equal(games.status, 200);
    assert.deepEqual(JSON.parse(games.body), { games: [] });
    const metrics = await rawRequest(port, `GET /metrics HTTP/1.1\r\nHost: localhost\r\n${H2C}`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.body, /^courtside_poll_cycles_total \d+$/m);
    const post = await rawRequest(port, `POST /api/games HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n${H2C}`);
    assert.equal(post.status, 405);
    const page = await rawRequest(port, `GET /nothing-here HTTP/1.1\r\nHost: localhost\r\n${H2C}`);
    assert.deepEqual([page.status, page.body], [404, 'not found\n']);
  });

  it('a WebSocket client still gets the stream, and a handshake on another path is refused', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { run } = s;
    const client = new Collector(run.service.wsUrl.replace('localhost', '127.0.0.1'));
    await client.until((messages) => messages.some((m) => m.type === 'snapshot'), 10_000);
    client.close();
    const key = 'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    const elsewhere = await rawRequest(run.service.port, `GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n${key}`);
    assert.equal(elsewhere.status, 404);
    assert.equal(elsewhere.body, 'no WebSocket endpoint at /health\n');
  });
});
