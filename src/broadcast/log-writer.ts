/**
 * The broadcaster's writes to its durable log, and what happens when the log cannot be written
 * (a full disk, a read-only database): the stream goes on, and this holds what the log lacks.
 *
 * The invariant is "a client never holds a seq of the log's epoch that the log lacks": a restart
 * numbers on from the log's head, and would hand such a client a different message under a seq
 * it already has. So when an append fails, the broadcaster first moves to a new epoch (and sends
 * every client a snapshot of it), then sends the message; it and everything after it are held
 * here, in order. `flush` writes them all in one transaction under the new epoch, which starts
 * that epoch in the log. All or nothing: after a crash the log either lacks the new epoch
 * altogether (its clients get a fresh snapshot, as after lost history) or has all of it (they
 * resume). Meanwhile resumes within the new epoch are served from memory. At most `limit`
 * messages are held, the oldest dropped first: the epoch then starts in the log at the first one
 * kept, and resuming from before it is refused like pruned history.
 */
import type { DurableMessageLog } from './options.ts';
import type { ArchivedMessage } from './source.ts';

export type Appended =
  /** In the log (or there is no log). */
  | 'logged'
  /** Held behind earlier held messages. */
  | 'held'
  /** The log just failed: held, and the caller must start a new epoch before anyone sees it. */
  | 'held_first';

export class LogWriter {
  readonly #log: DurableMessageLog | undefined;
  readonly #limit: number;
  #held: ArchivedMessage[] = [];

  constructor(log: DurableMessageLog | undefined, limit: number) {
    this.#log = log;
    this.#limit = Math.max(1, limit);
  }

  /** Messages published but not yet in the log. */
  get held(): number {
    return this.#held.length;
  }

  /**
   * Throws what the log threw when it cannot hold messages (no `appendMessages`): nothing was
   * published then, as before there was holding.
   */
  append(seq: number, epoch: string, json: string): Appended {
    const log = this.#log;
    if (!log) return 'logged';
    if (this.#held.length > 0) {
      this.#hold(seq, json);
      return 'held';
    }
    try {
      log.appendMessage(seq, epoch, json);
      return 'logged';
    } catch (error) {
      if (!log.appendMessages) throw error;
      this.#hold(seq, json);
      return 'held_first';
    }
  }

  /** Writes every held message under `epoch`, in one transaction; true once none is held. */
  flush(epoch: string): boolean {
    if (this.#held.length === 0 || !this.#log?.appendMessages) return this.#held.length === 0;
    try {
      this.#log.appendMessages(epoch, this.#held);
    } catch {
      return false;
    }
    this.#held = [];
    return true;
  }

  #hold(seq: number, json: string): void {
    this.#held.push({ seq, json });
    if (this.#held.length > this.#limit) this.#held.shift();
  }
}
