/**
 * An HTTP server for a fake CDN: listening on the given interface, and closing for good, even
 * with requests left hanging (a fault) or a connection accepted while closing, which
 * `closeAllConnections()` would miss and `server.close()` would wait for forever.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackServer {
  /** `http://host:port`, with no trailing slash. */
  readonly origin: string;
  close(): Promise<void>;
}

export async function listenLoopback(handler: http.RequestListener, port: number, host: string): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  let closing = false;
  server.on('connection', (socket) => {
    if (closing) return void socket.destroy();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `http://${hostInUrl}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
