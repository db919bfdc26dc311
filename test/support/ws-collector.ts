/** A real WebSocket client that records every server message, validated against the protocol. */
import WebSocket from 'ws';
import { ServerMessage } from '../../src/protocol/messages.ts';

export class Collector {
  readonly messages: ServerMessage[] = [];
  readonly invalid: string[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.socket.once('close', (code) => resolve(code)));
    this.socket.on('message', (raw) => {
      const parsed = ServerMessage.safeParse(JSON.parse(String(raw)));
      if (parsed.success) this.messages.push(parsed.data);
      else this.invalid.push(`${String(raw).slice(0, 200)}: ${parsed.error.message}`);
    });
  }

  ofType<T extends ServerMessage['type']>(type: T): Array<Extract<ServerMessage, { type: T }>> {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  }

  /** Resolves once `predicate` holds for the messages so far (checked on every message). */
  until(predicate: (messages: readonly ServerMessage[]) => boolean, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this.messages)) return;
        clearTimeout(timer);
        this.socket.off('message', check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.socket.off('message', check);
        reject(new Error(`timed out after ${timeoutMs} ms with ${this.messages.length} messages`));
      }, timeoutMs);
      this.socket.on('message', check);
      check();
    });
  }

  /**
   * Resolves once this client has read a message with seq `seq` or later (a greeting snapshot
   * carries the head's seq). After the service's `done`, the head's seq means everything: `done`
   * says every frame is written to the sockets, not that this process has read them.
   */
  readThrough(seq: number, timeoutMs = 60_000): Promise<void> {
    return this.until((ms) => ms.some((m) => m.seq >= seq), timeoutMs);
  }

  close(): void {
    this.socket.close();
  }
}
