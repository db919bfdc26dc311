/**
 * One HTTP/1.1 exchange written by hand on a bare socket, for requests a client library would
 * not send as they are (`Connection: Upgrade` with any protocol). Read until the server closes.
 */
import { connect } from 'node:net';

export interface RawResponse {
  readonly status: number;
  /** The status line and header lines, as sent. */
  readonly head: string;
  /** Decoded from chunked transfer encoding when it came so. */
  readonly body: string;
}

/** `request`: the request line and header lines, each ending in CRLF; the blank line is added. */
export function rawRequest(port: number, request: string, timeoutMs = 5_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${request}\r\n`));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no end of response within ${timeoutMs} ms; got ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 200))}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split);
      const body = text.slice(split + 4);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), head, body: /^transfer-encoding: chunked$/im.test(head) ? dechunk(body) : body });
    });
  });
}

function dechunk(body: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', i);
    const size = Number.parseInt(body.slice(i, lineEnd), 16);
    if (!(size > 0)) return out;
    out += body.slice(lineEnd + 2, lineEnd + 2 + size);
    i = lineEnd + 2 + size + 2;
  }
}
