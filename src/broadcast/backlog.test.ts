import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backlog } from './backlog.ts';
import { makeFrame, type Frame } from './history.ts';
import type { GameMessageType } from './sink.ts';

function frame(seq: number, type: GameMessageType, gameId: string): Frame {
  return makeFrame(seq, type, gameId, Buffer.from(String(seq)));
}

describe('Backlog', () => {
  it('keeps only the latest score_update of each game, in seq order', () => {
    const backlog = new Backlog();
    backlog.add(frame(1, 'score_update', 'A'));
    backlog.add(frame(2, 'score_update', 'B'));
    backlog.add(frame(3, 'score_update', 'A'));
    backlog.add(frame(4, 'score_update', 'A'));
    assert.deepEqual(backlog.drain().map((f) => f.seq), [2, 4]);
    assert.equal(backlog.dropped, 2);
  });

  it('keeps every other message, interleaved with scores by seq', () => {
    const backlog = new Backlog();
    backlog.add(frame(1, 'score_update', 'A'));
    backlog.add(frame(2, 'pattern_progress', 'A'));
    backlog.add(frame(3, 'ml_prediction', 'A'));
    backlog.add(frame(4, 'score_update', 'A'));
    backlog.add(frame(5, 'pattern_progress', 'A'));
    backlog.add(frame(6, 'halftime_result', 'B'));
    const drained = backlog.drain();
    assert.deepEqual(drained.map((f) => f.seq), [2, 3, 4, 5, 6]);
    assert.equal(backlog.size, 0);
    assert.equal(backlog.dropped, 1);
  });

  it('drain empties it, clear discards without counting drops', () => {
    const backlog = new Backlog();
    backlog.add(frame(1, 'score_update', 'A'));
    backlog.add(frame(2, 'pattern_progress', 'A'));
    backlog.clear();
    assert.equal(backlog.size, 0);
    assert.equal(backlog.dropped, 0);
    assert.deepEqual(backlog.drain(), []);
  });

  it('counts the bytes it holds, replaced scores no longer among them', () => {
    const backlog = new Backlog();
    const a1 = frame(1, 'score_update', 'A');
    const p2 = frame(2, 'pattern_progress', 'A');
    const a3 = frame(33, 'score_update', 'A');
    backlog.add(a1);
    backlog.add(p2);
    assert.equal(backlog.bytes, a1.wire.length + p2.wire.length);
    backlog.add(a3);
    assert.equal(backlog.bytes, p2.wire.length + a3.wire.length);
    backlog.drain();
    assert.equal(backlog.bytes, 0);
    backlog.add(a1);
    backlog.clear();
    assert.equal(backlog.bytes, 0);
  });
});
