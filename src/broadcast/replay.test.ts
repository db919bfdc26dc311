import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { History, makeFrame } from './history.ts';
import { findGap, type ReplaySource } from './replay.ts';
import { MemoryLog } from './testing/memory-log.ts';

function source(seq: number, capacity: number, log?: MemoryLog): ReplaySource {
  const history = new History(capacity);
  for (let s = 1; s <= seq; s += 1) {
    const data = JSON.stringify({ type: 'score_update', seq: s, game_id: '0021700001' });
    history.append(makeFrame(s, 'score_update', '0021700001', data));
    log?.appendMessage(s, 'e1', data);
  }
  return { epoch: 'e1', seq, history, log };
}

const seqsOf = (gap: ReturnType<typeof findGap>) => (gap.ok ? gap.frames.map((f) => f.seq) : gap.reason);

describe('findGap', () => {
  it('gives the gap from memory, or nothing when the client is current', () => {
    assert.deepEqual(seqsOf(findGap(source(5, 10), { epoch: 'e1', lastSeq: 2, lastSentSeq: -1 })), [3, 4, 5]);
    assert.deepEqual(seqsOf(findGap(source(5, 10), { epoch: 'e1', lastSeq: 5, lastSentSeq: 5 })), []);
    assert.deepEqual(seqsOf(findGap(source(0, 10), { epoch: 'e1', lastSeq: 0, lastSentSeq: -1 })), []);
  });

  it('names why a replay cannot be exact', () => {
    assert.equal(seqsOf(findGap(source(5, 10), { epoch: 'e0', lastSeq: 2, lastSentSeq: -1 })), 'epoch changed');
    assert.equal(seqsOf(findGap(source(5, 10), { epoch: 'e1', lastSeq: 6, lastSentSeq: -1 })), 'last_seq is ahead of the server');
    assert.equal(seqsOf(findGap(source(5, 10), { epoch: 'e1', lastSeq: 2, lastSentSeq: 3 })), 'newer messages already sent on this connection');
    assert.equal(seqsOf(findGap(source(5, 2), { epoch: 'e1', lastSeq: 2, lastSentSeq: -1 })), 'gap older than history');
  });

  it('falls back to the durable log when memory no longer holds the gap', () => {
    const log = new MemoryLog();
    const src = source(8, 2, log);
    assert.deepEqual(seqsOf(findGap(src, { epoch: 'e1', lastSeq: 3, lastSentSeq: -1 })), [4, 5, 6, 7, 8]);
    log.prune(4);
    assert.equal(seqsOf(findGap(src, { epoch: 'e1', lastSeq: 3, lastSentSeq: -1 })), 'gap older than the message log');
  });

  it('reports a log that fails or returns something else than the gap', () => {
    const log = new MemoryLog();
    const src = source(4, 1, log);
    const row = log.rows[1];
    if (row) row.json = JSON.stringify({ type: 'score_update', seq: 7, game_id: '0021700001' });
    const gap = findGap(src, { epoch: 'e1', lastSeq: 0, lastSentSeq: -1 });
    assert.equal(gap.ok, false);
    assert.equal(!gap.ok && gap.failure, 'logged message 2 is not the per-game message expected at seq 2');
    log.messagesSince = () => {
      throw new Error('database is locked');
    };
    const failed = findGap(src, { epoch: 'e1', lastSeq: 0, lastSentSeq: -1 });
    assert.deepEqual(failed, { ok: false, reason: 'message log unreadable', failure: 'database is locked' });
  });
});
