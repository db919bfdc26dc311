/**
 * The broadcast history kept on disk so that a client can resume across a restart. Bounded to the
 * last `limit` seqs: the oldest are pruned a small step at a time (a hundredth of the limit, in the
 * same transaction as the append that crosses the step), and `pruned_through` remembers how far
 * history is gone, so a resume from before it is refused rather than silently skipping.
 *
 * Nothing is cached in memory: an enclosing transaction that rolls back must not leave a head or
 * epoch here that the file does not have.
 */
import type Database from 'better-sqlite3';
import type { LoggedMessage } from '../domain/message-log.ts';
import { StoreError } from '../service/store-port.ts';
import { checkSeq, RecordCheck } from './validate.ts';

interface LogState {
  epoch: string;
  prunedThrough: number;
  head: number;
}

export class SqliteMessageLog {
  readonly #file: string;
  readonly #limit: number;
  readonly #pruneEvery: number;
  readonly #state: Database.Statement<[], { epoch: string; prunedThrough: number; head: number | null }>;
  readonly #insert: Database.Statement<[number, string, string]>;
  readonly #since: Database.Statement<[number, number], LoggedMessage>;
  readonly #saveState: Database.Statement<[string, number]>;
  readonly #startEpoch: (epoch: string, seq: number, json: string) => void;
  readonly #appendPruning: (seq: number, epoch: string, json: string, cutoff: number) => void;

  constructor(db: Database.Database, file: string, limit: number) {
    this.#file = file;
    this.#limit = limit;
    // Small steps: pruning a tenth of 10,000 at once held one publish for 2-5 ms, every thousand messages.
    this.#pruneEvery = Math.max(1, Math.floor(limit / 100));
    this.#state = db.prepare('SELECT epoch, pruned_through AS prunedThrough, (SELECT max(seq) FROM messages) AS head FROM message_log_state WHERE id = 1');
    this.#insert = db.prepare('INSERT INTO messages (seq, epoch, body) VALUES (?, ?, ?)');
    this.#since = db.prepare('SELECT seq, body AS json FROM messages WHERE seq > ? ORDER BY seq LIMIT ?');
    this.#saveState = db.prepare('INSERT OR REPLACE INTO message_log_state (id, epoch, pruned_through) VALUES (1, ?, ?)');
    const deleteAll = db.prepare('DELETE FROM messages');
    const deleteThrough = db.prepare('DELETE FROM messages WHERE seq <= ?');
    this.#startEpoch = db.transaction((epoch: string, seq: number, json: string) => {
      deleteAll.run();
      // What came before the first message of an epoch was never logged: resuming from it is refused.
      this.#saveState.run(epoch, seq - 1);
      this.#insert.run(seq, epoch, json);
    });
    this.#appendPruning = db.transaction((seq: number, epoch: string, json: string, cutoff: number) => {
      this.#insert.run(seq, epoch, json);
      deleteThrough.run(cutoff);
      this.#saveState.run(epoch, cutoff);
    });
  }

  appendMessage(seq: number, epoch: string, json: string): void {
    checkSeq(this.#file, seq, 'logged message');
    const c = new RecordCheck(this.#file, `logged message ${seq}`);
    c.need(typeof epoch === 'string' && epoch.length > 0, 'epoch', 'a non-empty string', epoch);
    c.need(typeof json === 'string', 'json', 'a string', typeof json);
    const state = this.#read();
    if (state === null || state.epoch !== epoch) {
      this.#startEpoch(epoch, seq, json);
      return;
    }
    if (seq <= state.head) {
      throw new StoreError('invalid_record', this.#file, `invalid logged message ${seq}: seq must be after the log's last seq ${state.head} in epoch ${epoch}`);
    }
    // Seqs follow one another within an epoch (a failed append leaves its seq to the next message),
    // so the history beyond the limit is everything up to seq - limit: no need to count rows.
    const cutoff = seq - this.#limit;
    if (cutoff - state.prunedThrough >= this.#pruneEvery) this.#appendPruning(seq, epoch, json, cutoff);
    else this.#insert.run(seq, epoch, json);
  }

  messagesSince(epoch: string, afterSeq: number, limit: number): readonly LoggedMessage[] | null {
    const c = new RecordCheck(this.#file, 'message log query');
    c.int(afterSeq, 'afterSeq', 0);
    c.int(limit, 'limit', 1);
    const state = this.#read();
    if (state === null || state.epoch !== epoch) return null;
    if (afterSeq < state.prunedThrough || afterSeq > state.head) return null;
    return this.#since.all(afterSeq, limit);
  }

  messageLogHead(): { readonly epoch: string; readonly seq: number } | null {
    const state = this.#read();
    return state === null ? null : { epoch: state.epoch, seq: state.head };
  }

  #read(): LogState | null {
    const row = this.#state.get();
    return row === undefined ? null : { epoch: row.epoch, prunedThrough: row.prunedThrough, head: row.head ?? row.prunedThrough };
  }
}
