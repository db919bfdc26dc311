/**
 * Who gets an HTTP server's upgrade requests. Node 20 hands every request that carries
 * `Connection: Upgrade` to the `upgrade` listener with the bare socket, whatever protocol it asks
 * for, so a stream that claimed them all answered `curl --http2`'s `Upgrade: h2c` on `/health`
 * with a WebSocket 404. Here only a WebSocket handshake goes to the stream; any other upgrade is
 * declined, as HTTP allows, and the request is answered over HTTP/1.1 by the ordinary routes.
 */
import { ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface UpgradeRoutes {
  /** A WebSocket handshake (`Upgrade: websocket`), on any path: the stream decides what it accepts. */
  readonly websocket: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Everything else, as the server's `request` listener would get it. */
  readonly http: (req: IncomingMessage, res: ServerResponse) => void;
}

/** A declined upgrade's socket has none of the server's timeouts left: this one bounds it. */
const IDLE_MS = 30_000;

export function routeUpgrades(server: Server, routes: UpgradeRoutes): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (isWebSocketHandshake(req)) routes.websocket(req, socket, head);
    else answerOverHttp(req, socket as Socket, routes.http);
  });
}

export function isWebSocketHandshake(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').split(',').some((protocol) => protocol.trim().toLowerCase() === 'websocket');
}

/**
 * The HTTP parser has let go of this socket, so one response is written on it and the connection
 * closed; bytes after the request (`head`) are dropped with it.
 */
function answerOverHttp(req: IncomingMessage, socket: Socket, handler: UpgradeRoutes['http']): void {
  // After an upgrade the server no longer listens for socket errors: a reset must not crash.
  socket.on('error', () => socket.destroy());
  socket.setTimeout(IDLE_MS, () => socket.destroy());
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket);
  res.once('finish', () => {
    res.detachSocket(socket);
    socket.end();
  });
  res.once('close', () => {
    if (!res.writableFinished) socket.destroy();
  });
  handler(req, res);
}
