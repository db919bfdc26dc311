/** Answers a refused upgrade with a plain HTTP response, then drops the socket. */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export function rejectUpgrade(socket: Duplex, status: number, reason: string, headers: Readonly<Record<string, string>>): void {
  // After an upgrade the HTTP server no longer listens for socket errors: a reset here must not crash.
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${reason}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  // A client that never reads must not keep the socket: end() waits for a flush, destroy() does not.
  setTimeout(() => socket.destroy(), 1_000).unref();
}
