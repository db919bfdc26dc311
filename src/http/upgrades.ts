/**
 * Who gets an HTTP server's upgrade requests. Node 20 hands every request that carries
 * `Connection: Upgrade` and an `Upgrade` header to the `upgrade` listener with the bare socket,
 * whatever protocol it asks for, so a stream that claimed them all answered `curl --http2`'s
 * `Upgrade: h2c` on `/health` with a WebSocket 404. Here only a WebSocket handshake goes to the
 * stream. Any other upgrade is declined, as HTTP allows: the request goes back to the server as
 * an ordinary one (its head rewritten without the `Upgrade` header, then its body and whatever
 * followed it), and the server answers it over HTTP/1.1 with its usual routes, timeouts and
 * keep-alive.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** A WebSocket handshake (`Upgrade: websocket`), on any path: the stream decides what it accepts. */
export type WebSocketRoute = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export function routeUpgrades(server: Server, websocket: WebSocketRoute): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (isWebSocketHandshake(req)) websocket(req, socket, head);
    else declineUpgrade(server, req, socket, head);
  });
}

export function isWebSocketHandshake(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').split(',').some((protocol) => protocol.trim().toLowerCase() === 'websocket');
}

/**
 * The parser has already let go of the socket: the request is written back in front of the bytes
 * still unread and the socket handed to the server as a new connection (`'connection'` is the
 * documented way to inject one). Without an `Upgrade` header the request cannot be an upgrade again.
 */
function declineUpgrade(server: Server, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    if (name.toLowerCase() !== 'upgrade') lines.push(`${name}: ${req.rawHeaders[i + 1]}`);
  }
  socket.unshift(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head]));
  server.emit('connection', socket);
}
