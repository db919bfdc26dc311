/** A DurableMessageLog in memory, with the store's contract: one epoch, pruning, null when it cannot vouch. */
import type { DurableMessageLog } from '../options.ts';

export class MemoryLog implements DurableMessageLog {
  epoch: string | null = null;
  rows: Array<{ seq: number; json: string }> = [];
  /** Seqs at or below this are gone. */
  prunedThrough = 0;
  /** Makes the next append throw, like a full disk. */
  failNextAppend = false;

  appendMessage(seq: number, epoch: string, json: string): void {
    if (this.failNextAppend) {
      this.failNextAppend = false;
      throw new Error('disk I/O error');
    }
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.rows = [];
      this.prunedThrough = seq - 1;
    }
    this.rows.push({ seq, json });
  }

  messagesSince(epoch: string, afterSeq: number, limit: number): readonly { seq: number; json: string }[] | null {
    const head = this.rows.at(-1)?.seq ?? this.prunedThrough;
    if (epoch !== this.epoch || afterSeq < this.prunedThrough || afterSeq > head) return null;
    return this.rows.filter((row) => row.seq > afterSeq).slice(0, limit);
  }

  messageLogHead(): { epoch: string; seq: number } | null {
    return this.epoch === null ? null : { epoch: this.epoch, seq: this.rows.at(-1)?.seq ?? this.prunedThrough };
  }

  prune(throughSeq: number): void {
    this.rows = this.rows.filter((row) => row.seq > throughSeq);
    this.prunedThrough = throughSeq;
  }
}
