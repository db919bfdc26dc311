/**
 * What the raw write path (`WsSocket.send`) relies on in ws, checked once when the transport
 * starts rather than trusted: (1) no compression is ever negotiated, and (2) ws writes each frame
 * it sends to the socket before `send` or `ping` returns, queuing none (ws queues while it
 * compresses or reads a Blob), or a frame it queued would reach the wire after frames written
 * raw later. Checked on the server's own options with an in-memory handshake offering
 * compression, so an option change or a ws upgrade that breaks either fails at start-up with
 * `ERR_WS_PRECONDITION` instead of corrupting streams under load.
 */
import type { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { BroadcastError } from '../errors.ts';
import { textFrame } from './text-frame.ts';

/** Larger than ws's default compression threshold (1 KiB), so a compressing sender would queue it. */
const PROBE_TEXT = JSON.stringify({ type: 'probe', pad: 'x'.repeat(2048) });

/** An in-memory socket that takes every write at once and keeps it. */
class ProbeSocket extends Duplex {
  readonly written: Buffer[] = [];

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.written.push(chunk);
    done();
  }
}

/** The parts of a `WebSocketServer` the check uses. */
export type CheckedServer = Pick<WebSocketServer, 'options' | 'handleUpgrade'>;

export function assertRawWritable(wss: CheckedServer): void {
  if (wss.options.perMessageDeflate) fail('perMessageDeflate must be false: frames written raw are never compressed');
  const socket = new ProbeSocket();
  let ws: WebSocket | undefined;
  wss.handleUpgrade(probeRequest(), socket, Buffer.alloc(0), (accepted) => (ws = accepted));
  if (!ws) fail('ws did not complete an in-memory handshake, so its write path could not be checked');
  try {
    const sent = writtenAtOnce(ws, socket, () => ws?.send(Buffer.from(PROBE_TEXT), { binary: false }), 'send');
    if (!sent.equals(textFrame(PROBE_TEXT))) fail('ws frames a text message differently from textFrame');
    writtenAtOnce(ws, socket, () => ws?.ping(), 'ping');
    // Last: a compressing sender has usually queued the probe above, the clearer failure.
    if (ws.extensions !== '') fail(`ws negotiated "${ws.extensions}" with a client that offered it; frames written raw need no extension`);
  } finally {
    ws.terminate();
  }
}

/** What `write` put on the socket before it returned; ws must have kept nothing back. */
function writtenAtOnce(ws: WebSocket, socket: ProbeSocket, write: () => void, what: string): Buffer {
  const before = socket.written.length;
  write();
  if (socket.written.length === before || ws.bufferedAmount !== socket.writableLength) {
    fail(`ws queued a frame in ${what}() instead of writing it to the socket; frames written raw after it would overtake it`);
  }
  return Buffer.concat(socket.written.slice(before));
}

function probeRequest(): IncomingMessage {
  const headers = {
    upgrade: 'websocket',
    connection: 'Upgrade',
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'sec-websocket-version': '13',
    'sec-websocket-extensions': 'permessage-deflate; client_max_window_bits',
  };
  return { method: 'GET', url: '/', headers, socket: {} } as unknown as IncomingMessage;
}

function fail(message: string): never {
  throw new BroadcastError('ERR_WS_PRECONDITION', `the raw WebSocket write path cannot run: ${message}`);
}
