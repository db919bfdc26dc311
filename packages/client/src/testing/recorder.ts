/** Everything a client reports, recorded in order, and a way to wait until it has reported enough. */
import type { CourtsideClient, InvalidFrame, UnknownMessage } from '../client.ts';
import type { ConnectionStatus } from '../link.ts';
import type { FeedStatus, GameMessage, ServerMessage } from '../wire.ts';

export class Recorder {
  readonly messages: ServerMessage[] = [];
  readonly statuses: ConnectionStatus[] = [];
  readonly unknown: UnknownMessage[] = [];
  readonly invalid: InvalidFrame[] = [];

  constructor(readonly client: CourtsideClient) {
    client.on('message', (m) => this.messages.push(m));
    client.on('connection', (s) => this.statuses.push(s));
    client.on('unknown', (u) => this.unknown.push(u));
    client.on('invalid', (i) => this.invalid.push(i));
  }

  /** The per-game messages received, in order. */
  get gameMessages(): GameMessage[] {
    return this.messages.filter((m): m is GameMessage => 'game_id' in m);
  }

  /** Every message numbered in the stream, in order: per-game ones and `feed_status` (no snapshots or errors). */
  get streamMessages(): Array<GameMessage | FeedStatus> {
    return this.messages.filter((m): m is GameMessage | FeedStatus => m.type !== 'snapshot' && m.type !== 'error');
  }

  ofType<T extends ServerMessage['type']>(type: T): Array<Extract<ServerMessage, { type: T }>> {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  }

  /** Resolves once `condition` holds, checked every few ms; fails naming `what` after `timeoutMs`. */
  async until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${this.describe()}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Resolves once a per-game message with `seq` or later has arrived. */
  readThrough(seq: number, timeoutMs?: number): Promise<void> {
    return this.until(`seq ${seq}`, () => this.streamMessages.some((m) => m.seq >= seq), timeoutMs);
  }

  describe(): string {
    const seqs = this.messages.map((m) => `${m.type}#${m.seq}`).slice(-8).join(', ');
    return `${this.messages.length} messages (… ${seqs}), connection ${this.client.connection.state}`;
  }
}
