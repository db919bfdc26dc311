/**
 * The broadcaster's durable message log, kept in the store. Appending an `ml_prediction` or a
 * `halftime_result` also marks that forecast or grade as sent, in the same transaction: after a
 * crash, a forecast is either in the log (and resumable) or still unsent (and sent once), never both.
 * A failed append is reported to the store's health and thrown: the broadcaster holds the message
 * and hands it back, with those after it, to `appendMessages` once the store takes writes again.
 */
import type { StoreHealth } from './store-health.ts';
import { isStorageFailure, type GameStore, type LoggedMessage } from './store-port.ts';

export class StoreJournal {
  readonly #health: StoreHealth | undefined;

  constructor(readonly store: GameStore, health?: StoreHealth) {
    this.#health = health;
  }

  appendMessage(seq: number, epoch: string, json: string): void {
    this.#reported('logging a message', () => this.#append(seq, epoch, json));
  }

  /** All of them or none, in one transaction. */
  appendMessages(epoch: string, messages: readonly LoggedMessage[]): void {
    this.#reported(`logging ${messages.length} held messages`, () =>
      this.store.transaction(() => {
        for (const { seq, json } of messages) this.#append(seq, epoch, json);
      }),
    );
  }

  messagesSince(epoch: string, afterSeq: number, limit: number): readonly LoggedMessage[] | null {
    return this.store.messagesSince(epoch, afterSeq, limit);
  }

  messageLogHead(): { readonly epoch: string; readonly seq: number } | null {
    return this.store.messageLogHead();
  }

  #append(seq: number, epoch: string, json: string): void {
    // Only two rare message types need more than the append; a substring test spares parsing the rest.
    if (!json.includes('"ml_prediction"') && !json.includes('"halftime_result"')) {
      this.store.appendMessage(seq, epoch, json);
      return;
    }
    const message = JSON.parse(json) as { type: string; game_id: string; model_version?: string };
    this.store.transaction(() => {
      this.store.appendMessage(seq, epoch, json);
      if (message.type === 'ml_prediction' && message.model_version) this.store.markForecastSent(message.game_id, message.model_version, seq);
      if (message.type === 'halftime_result') this.store.markHalftimeSent(message.game_id, seq);
    });
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
