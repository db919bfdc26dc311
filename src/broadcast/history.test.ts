import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { History, makeFrame, makeGap, type Frame } from './history.ts';

function frame(seq: number, gameId = '0021700001'): Frame {
  return makeFrame(seq, 'score_update', gameId, Buffer.from(`{"seq":${seq}}`));
}

function fill(history: History, from: number, to: number): void {
  for (let seq = from; seq <= to; seq += 1) history.append(frame(seq));
}

const seqs = (frames: Frame[] | undefined) => frames?.map((f) => f.seq);

describe('History', () => {
  it('returns everything after a seq it still holds, oldest first', () => {
    const history = new History(10);
    fill(history, 1, 5);
    assert.deepEqual(seqs(history.page(2, 100)), [3, 4, 5]);
    assert.deepEqual(seqs(history.page(0, 100)), [1, 2, 3, 4, 5]);
    assert.deepEqual(seqs(history.page(5, 100)), []);
  });

  it('keeps only the newest `capacity` frames once full', () => {
    const history = new History(3);
    fill(history, 1, 7);
    assert.equal(history.size, 3);
    assert.equal(history.oldestSeq, 5);
    assert.deepEqual(seqs(history.page(4, 100)), [5, 6, 7]);
    assert.deepEqual(seqs(history.page(6, 100)), [7]);
  });

  it('refuses a gap that is partly overwritten, so the caller falls back to a snapshot', () => {
    const history = new History(3);
    fill(history, 1, 7);
    assert.equal(history.page(3, 100), undefined);
    assert.equal(history.page(0, 100), undefined);
  });

  it('works from any starting seq (numbering continued after a restart)', () => {
    const history = new History(4);
    fill(history, 101, 103);
    assert.deepEqual(seqs(history.page(100, 100)), [101, 102, 103]);
    assert.equal(history.page(99, 100), undefined);
  });

  it('rejects a seq that does not follow the newest one', () => {
    const history = new History(4);
    fill(history, 1, 2);
    assert.throws(() => history.append(frame(4)), /seq 4 does not follow 2/);
    assert.throws(() => history.append(frame(2)), /seq 2 does not follow 2/);
  });

  it('holds nothing with capacity 0 and never vouches for a replay', () => {
    const history = new History(0);
    fill(history, 1, 3);
    assert.equal(history.size, 0);
    assert.equal(history.oldestSeq, undefined);
    assert.equal(history.page(2, 100), undefined);
  });

  it('hands out a gap a page at a time', () => {
    const history = new History(10);
    fill(history, 1, 7);
    assert.deepEqual(seqs(history.page(0, 3)), [1, 2, 3]);
    assert.deepEqual(seqs(history.page(3, 3)), [4, 5, 6]);
    assert.deepEqual(seqs(history.page(6, 3)), [7]);
    assert.deepEqual(seqs(history.page(7, 3)), []);
    const full = new History(3);
    fill(full, 1, 7);
    assert.equal(full.page(3, 2), undefined, 'partly overwritten');
    assert.deepEqual(seqs(full.page(4, 2)), [5, 6]);
  });

  it('fills a held seq in place (a gap given its message) and leaves a seq it does not hold alone', () => {
    const history = new History(3);
    history.append(frame(1));
    history.appendGaps(2, 5);
    assert.deepEqual(history.page(2, 10)?.map((f) => [f.seq, f.gap === true]), [[3, true], [4, true], [5, true]]);
    assert.equal(history.fill(frame(4, '0021700002')), true);
    assert.equal(history.fill(frame(2)), false, 'overwritten');
    assert.equal(history.fill(frame(6)), false, 'not yet');
    assert.deepEqual(history.page(2, 10)?.map((f) => [f.seq, f.gap === true, f.gameId]), [[3, true, undefined], [4, false, '0021700002'], [5, true, undefined]]);
    history.append(frame(6));
    assert.deepEqual(seqs(history.page(3, 10)), [4, 5, 6]);
    assert.equal(new History(0).fill(frame(1)), false);
  });

  it('appends gaps after the newest frame only, making just the last `capacity` of a long run', () => {
    const history = new History(4);
    fill(history, 1, 2);
    assert.throws(() => history.appendGaps(4, 6), /seq 4 does not follow 2/);
    history.appendGaps(3, 1_000_000);
    assert.equal(history.size, 4);
    assert.equal(history.oldestSeq, 999_997);
    assert.deepEqual(history.page(999_996, 10), [999_997, 999_998, 999_999, 1_000_000].map(makeGap));
    history.append(frame(1_000_001));
    assert.deepEqual(seqs(history.page(999_999, 10)), [1_000_000, 1_000_001]);
  });
});
