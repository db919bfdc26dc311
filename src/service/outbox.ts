/**
 * The once-per-game messages: a game's forecast, its halftime grade, and the exact grade that
 * replaces an approximate one. Each is recorded in the store, then published, exactly once. The
 * trigger that makes one fires only once, so a record that fails for want of storage is not lost
 * with the write: the message waits here, in the order it was made, and is retried every poll
 * cycle until the store takes it; only then does it go out (a forecast is never broadcast before it
 * is durable, so a restart never makes a second one). One refused for itself (bad input) is
 * dropped and its error thrown, so it cannot hold back the games behind it.
 */
import type { ForecastRecord, TrackedGame, HalftimeRecord } from './tracked-game.ts';
import type { Persistence } from './persistence.ts';
import type { Logger } from '../domain/logger.ts';
import type { MessageSink } from '../domain/message-sink.ts';
import type { ServerMessage, Unsequenced } from '../protocol/messages.ts';
import type { StoreHealth } from './store-health.ts';
import { isStorageFailure } from './store-port.ts';

type Owed =
  | { readonly kind: 'forecast'; readonly record: TrackedGame; readonly forecast: ForecastRecord; readonly madeAt: string; recorded: boolean }
  /** `revision`: the exact grade replacing an approximate one of the same game. */
  | { readonly kind: 'halftime'; readonly record: TrackedGame; readonly halftime: HalftimeRecord; readonly revision: boolean; readonly madeAt: string; recorded: boolean };

export interface OutboxOptions {
  readonly sink: MessageSink<Unsequenced<ServerMessage>>;
  readonly logger: Logger;
  readonly now: () => number;
  readonly persistence?: Persistence | undefined;
  readonly health?: StoreHealth | undefined;
}

export class Outbox {
  readonly #owed: Owed[] = [];
  readonly #options: OutboxOptions;

  constructor(options: OutboxOptions) {
    this.#options = options;
    options.health?.track('events', () => this.#owed.length);
  }

  /** Messages waiting for the store. */
  get size(): number {
    return this.#owed.length;
  }

  forecast(record: TrackedGame, forecast: ForecastRecord, madeAt: string): void {
    this.#owed.push({ kind: 'forecast', record, forecast, madeAt, recorded: false });
    this.drain();
  }

  /** `revision`: the exact grade replacing the approximate one of the same game. */
  grade(record: TrackedGame, halftime: HalftimeRecord, madeAt: string, revision = false): void {
    this.#owed.push({ kind: 'halftime', record, halftime, revision, madeAt, recorded: false });
    this.drain();
  }

  /** What an earlier run recorded but never sent (it died in between): sent once, as recorded. */
  resend(record: TrackedGame): void {
    const madeAt = new Date(record.updatedAt).toISOString();
    if (record.forecast && !record.sent.forecast) this.#owed.push({ kind: 'forecast', record, forecast: record.forecast, madeAt, recorded: true });
    if (record.halftime && !record.sent.halftime) this.#owed.push({ kind: 'halftime', record, halftime: record.halftime, revision: false, madeAt, recorded: true });
    this.drain();
  }

  /** Records and publishes what is owed, oldest first; stops at the first write the store cannot take. */
  drain(): void {
    for (let entry = this.#owed[0]; entry; entry = this.#owed[0]) {
      let send: boolean;
      try {
        send = entry.recorded || this.#record(entry);
        entry.recorded = true;
        if (send) this.#publish(entry);
      } catch (error) {
        if (isStorageFailure(error)) {
          this.#options.health?.failed(`recording the ${entry.kind} of game ${entry.record.gameId}`, error);
          return;
        }
        // Refused for itself (bad input, a sink that throws): dropped, so it cannot hold back what follows.
        this.#owed.shift();
        throw error;
      }
      this.#owed.shift();
    }
  }

  /** True when it is to be sent: not found already sent by an earlier run, nor already exact. */
  #record(entry: Owed): boolean {
    const persistence = this.#options.persistence;
    if (!persistence) return true;
    if (entry.kind === 'forecast') {
      const kept = persistence.recordForecast(entry.record, entry.forecast, entry.madeAt);
      entry.record.forecast = kept.forecast;
      return !kept.alreadySent;
    }
    if (!entry.revision) return !persistence.recordHalftime(entry.record, entry.halftime, entry.madeAt).alreadySent;
    return persistence.reviseHalftime(entry.record, this.#revised(entry), entry.madeAt);
  }

  #publish(entry: Owed): void {
    const { record } = entry;
    const timestamp = new Date(this.#options.now()).toISOString();
    if (entry.kind === 'forecast') {
      const forecast = record.forecast ?? entry.forecast;
      const { raw: _raw, ...wire } = forecast;
      this.#options.sink.publish({ type: 'ml_prediction', timestamp, game_id: record.gameId, ...wire }, { kind: 'forecast', gameId: record.gameId, modelVersion: wire.model_version });
      record.sent.forecast = forecast;
      return;
    }
    const halftime = entry.revision ? this.#revised(entry) : entry.halftime;
    this.#options.sink.publish({ type: 'halftime_result', timestamp, game_id: record.gameId, ...halftime }, { kind: 'halftime', gameId: record.gameId });
    record.sent.halftime = halftime;
  }

  /** `revised`: it replaces a grade that went out (the approximate one always goes out first, being owed first). */
  #revised(entry: Extract<Owed, { kind: 'halftime' }>): HalftimeRecord {
    return { ...entry.halftime, revised: entry.record.sent.halftime !== undefined };
  }
}
