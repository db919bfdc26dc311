/** Checks on what a stream client received: order and completeness by `seq`. */
import assert from 'node:assert/strict';
import type { ServerMessage } from '../../src/protocol/messages.ts';

export type BroadcastFrame = Exclude<ServerMessage, { type: 'snapshot' } | { type: 'error' }>;

/** The broadcast messages (per-game, and `feed_status` to all), without the per-client snapshots and errors. */
export function broadcastFrames(messages: readonly ServerMessage[]): BroadcastFrame[] {
  return messages.filter((m): m is BroadcastFrame => m.type !== 'snapshot' && m.type !== 'error');
}

/** `frames` carry exactly the seqs `from..to`, each once, in order. */
export function assertContiguous(frames: readonly { seq: number }[], from: number, to: number, who: string): void {
  const seqs = frames.map((f) => f.seq);
  for (let i = 0; i < seqs.length; i += 1) {
    if (seqs[i] !== from + i) {
      const around = seqs.slice(Math.max(0, i - 3), i + 4).join(', ');
      assert.fail(`${who}: expected seq ${from + i} at position ${i}, got ${seqs[i]} (… ${around} …)`);
    }
  }
  assert.equal(seqs.length, to - from + 1, `${who}: seqs ${from}..${to} (got ${seqs.length} messages, last ${seqs.at(-1)})`);
}

/** Highest seq the client was told about, snapshots included: what it resumes from. */
export function lastSeqSeen(messages: readonly ServerMessage[]): number {
  return messages.reduce((max, m) => Math.max(max, m.seq), 0);
}
