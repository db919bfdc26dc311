import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
    server = createServer((_req, res) => res.end('plain'));
    routeUpgrades(server, {
      websocket: (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => ws.send(`stream at ${req.url}`)),
      http: (req, res) => {
        if (req.url === '/big') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(BIG);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ route: req.url, method: req.method }));
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('answers an h2c upgrade over HTTP/1.1 with the ordinary route, then closes', async () => {
    const res = await rawRequest(port, `GET /health HTTP/1.1\r\nHost: x\r\n${H2C}`);
    assert.equal(res.status, 200);
    assert.match(res.head, /^Connection: close$/im);
    assert.deepEqual(JSON.parse(res.body), { route: '/health', method: 'GET' });
  });

  it('sends a whole large body, and none to a HEAD', async () => {
    const big = await rawRequest(port, `GET /big HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: TLS/1.2\r\n`);
    assert.equal(big.status, 200);
    assert.equal(big.body, BIG);
    const head = await rawRequest(port, `HEAD /health HTTP/1.1\r\nHost: x\r\n${H2C}`);
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
