/**
 * The broadcaster's durable message log, kept in the store. A message that sends a once-per-game
 * record comes with its `DurableKey`, and the store appends it and marks that record sent in one
 * transaction (see `MessageLog`). A failed append is reported to the store's health and thrown:
 * the broadcaster holds the message, key and all, and hands it back, with those after it, to
 * `appendMessages` once the store takes writes again.
 */
import type { DurableKey, LogEntry, LoggedMessage, MessageLog } from '../domain/message-log.ts';
import type { StoreHealth } from './store-health.ts';
import { isStorageFailure, type GameStore } from './store-port.ts';

export class StoreJournal implements MessageLog {
  readonly #health: StoreHealth | undefined;

  constructor(readonly store: GameStore, health?: StoreHealth) {
    this.#health = health;
  }

  appendMessage(seq: number, epoch: string, json: string, key?: DurableKey): void {
    this.#reported('logging a message', () => this.store.appendMessage(seq, epoch, json, key));
  }

  /** All of them or none, in one transaction. */
  appendMessages(epoch: string, messages: readonly LogEntry[]): void {
    this.#reported(`logging ${messages.length} held messages`, () =>
      this.store.transaction(() => {
        for (const { seq, json, key } of messages) this.store.appendMessage(seq, epoch, json, key);
      }),
    );
  }

  messagesSince(epoch: string, afterSeq: number, limit: number): readonly LoggedMessage[] | null {
    return this.store.messagesSince(epoch, afterSeq, limit);
  }

  messageLogHead(): { readonly epoch: string; readonly seq: number } | null {
    return this.store.messageLogHead();
  }

  #reported(operation: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      if (isStorageFailure(error)) this.#health?.failed(operation, error);
      throw error;
    }
  }
}
