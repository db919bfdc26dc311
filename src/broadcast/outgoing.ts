/**
 * Builds and serializes what the server sends. With `validate` on (tests, debugging) every message
 * is checked against the wire contract first, so no test can pass with a message a client would
 * reject; off in production, where the pipeline's own types already guarantee the shape.
 */
import { ServerMessage, type ErrorMessage, type GameSnapshot, type Snapshot, type Unsequenced } from '../protocol/messages.ts';
import { BroadcastError } from './errors.ts';
import type { GameMessage } from './sink.ts';

export class Outgoing {
  readonly #validate: boolean;

  constructor(validate: boolean) {
    this.#validate = validate;
  }

  /** `seq` goes right after `type`, where people reading a capture look for it. */
  stamp(message: Unsequenced<GameMessage>, seq: number): GameMessage {
    const { type, ...rest } = message;
    const stamped = { type, seq, ...rest } as GameMessage;
    this.check(stamped);
    return stamped;
  }

  snapshot(epoch: string, seq: number, games: readonly GameSnapshot[], resumed?: false): string {
    const message: Snapshot = { type: 'snapshot', seq, timestamp: new Date().toISOString(), epoch, games: [...games] };
    if (resumed === false) message.resumed = false;
    return this.#serialize(message);
  }

  error(seq: number, code: ErrorMessage['code'], text: string): string {
    return this.#serialize({ type: 'error', seq, timestamp: new Date().toISOString(), code, message: text });
  }

  check(message: unknown): void {
    if (!this.#validate) return;
    const result = ServerMessage.safeParse(message);
    if (result.success) return;
    const type = (message as { type?: unknown }).type;
    const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`);
    throw new BroadcastError('ERR_OUTGOING_MESSAGE', `outgoing ${String(type)} message violates the protocol: ${issues.join('; ')}`);
  }

  #serialize(message: ServerMessage): string {
    this.check(message);
    return JSON.stringify(message);
  }
}
