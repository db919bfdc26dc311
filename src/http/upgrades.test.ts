import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { rawRequest } from '../../test/support/raw-http.ts';
import { routeUpgrades } from './upgrades.ts';

const BIG = 'x'.repeat(1_000_000);
const H2C = 'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n';

describe('routeUpgrades', () => {
  let server: Server;
  let port: number;
  const wss = new WebSocketServer({ noServer: true });

  before(async () => {
    server = createServer((req, res) => {
      // Piped in chunks, as the dashboard's files are.
      if (req.url === '/big') return void Readable.from(BIG.match(/.{1,65536}/g) ?? []).pipe(res.writeHead(200, { 'content-type': 'text/plain' }));
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const seen = JSON.stringify({ route: req.url, method: req.method, upgrade: req.headers.upgrade ?? null, body });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(seen) }).end(seen);
      });
    });
    routeUpgrades(server, (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => ws.send(`stream at ${req.url}`)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('answers an h2c upgrade over HTTP/1.1 with the ordinary route, the Upgrade header gone', async () => {
    const res = await rawRequest(port, `GET /health HTTP/1.1\r\nHost: x\r\n${H2C}Connection: close\r\n`);
    assert.equal(res.status, 200);
    assert.doesNotMatch(res.head, /^upgrade:/im);
    assert.deepEqual(JSON.parse(res.body), { route: '/health', method: 'GET', upgrade: null, body: '' });
  });

  it('keeps the request body and the requests pipelined after it', async () => {
    const post = `POST /form HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: TLS/1.2\r\nContent-Length: 5\r\n\r\nhello`;
    const res = await rawRequest(port, `${post}GET /next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n`);
    // Two responses on one connection, the second after the first's body.
    const text = `${res.head}\r\n\r\n${res.body}`;
    assert.equal(text.match(/HTTP\/1\.1 200 OK\r\n/g)?.length, 2);
    assert.ok(text.includes(JSON.stringify({ route: '/form', method: 'POST', upgrade: null, body: 'hello' })), text);
    assert.ok(text.includes(JSON.stringify({ route: '/next', method: 'GET', upgrade: null, body: '' })), text);
  });

  it('sends a whole large piped body, and none to a HEAD', async () => {
    const big = await rawRequest(port, `GET /big HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, close\r\nUpgrade: h2c\r\n`);
    assert.equal(big.status, 200);
    assert.equal(big.body, BIG);
    const head = await rawRequest(port, `HEAD /health HTTP/1.1\r\nHost: x\r\n${H2C}Connection: close\r\n`);
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  it('gives a WebSocket handshake to the stream, whatever the case of its Upgrade header', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/live`);
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (data) => resolve(String(data)));
      ws.once('error', reject);
    });
    assert.equal(first, 'stream at /live');
    ws.close();
    const key = 'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    const handshake = rawRequest(port, `GET /other HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: WebSocket\r\n${key}`, 500);
    await assert.rejects(handshake, /no end of response within 500 ms; got "HTTP\/1\.1 101 Switching Protocols/);
  });
});
