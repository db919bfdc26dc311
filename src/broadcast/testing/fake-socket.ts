/** Just enough of a ws WebSocket for the unit tests of the client bookkeeping (no network). */
import type { WebSocket } from 'ws';
import { Client } from '../client.ts';
import { InboundLimits } from '../rate-limits.ts';

export class FakeSocket {
  bufferedAmount = 0;
  readyState = 1;
  readonly CLOSED = 3;
  readonly sent: string[] = [];
  pings = 0;
  terminated = false;
  corked = 0;

  send(data: Buffer): void {
    this.sent.push(String(data));
  }

  /** Already framed bytes (short frames in these tests: a 2-byte header). */
  write(chunk: Buffer): boolean {
    this.sent.push(String(chunk.subarray(2)));
    return true;
  }

  ping(): void {
    this.pings += 1;
  }

  cork(): void {
    this.corked += 1;
  }

  uncork(): void {
    this.corked -= 1;
  }

  terminate(): void {
    this.terminated = true;
  }
}

let nextId = 1;

export function fakeClient(): { client: Client; socket: FakeSocket } {
  const socket = new FakeSocket();
  return { client: new Client(nextId++, socket as unknown as WebSocket, socket, '10.0.0.1', new InboundLimits({ messages: 50, subscribes: 10, resumes: 2 })), socket };
}
