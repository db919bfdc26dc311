import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { openStore } from './sqlite-store.ts';
import { tempDir } from './testing/records.ts';

const msg = (seq: number): string => JSON.stringify({ type: 'score_update', seq });
const seqs = (list: readonly { seq: number }[] | null): number[] | null => list?.map((m) => m.seq) ?? null;

test('replays what a client missed, in order and in pages; refuses what it cannot vouch for', () => {
  const store = openStore(':memory:');
  assert.equal(store.messageLogHead(), null);
  assert.equal(store.messagesSince('e1', 0, 10), null, 'nothing logged yet');
  for (let seq = 1; seq <= 5; seq++) store.appendMessage(seq, 'e1', msg(seq));
  assert.deepEqual(store.messageLogHead(), { epoch: 'e1', seq: 5 });
  assert.deepEqual(store.messagesSince('e1', 2, 10), [
    { seq: 3, json: msg(3) },
    { seq: 4, json: msg(4) },
    { seq: 5, json: msg(5) },
  ]);
  assert.deepEqual(seqs(store.messagesSince('e1', 0, 2)), [1, 2]);
  assert.deepEqual(store.messagesSince('e1', 5, 10), [], 'up to date');
  assert.equal(store.messagesSince('e1', 6, 10), null, 'a seq this epoch never issued');
  assert.equal(store.messagesSince('e0', 2, 10), null, 'another epoch');
  assert.throws(() => store.appendMessage(5, 'e1', msg(5)), {
    code: 'invalid_record',
    message: "invalid logged message 5: seq must be after the log's last seq 5 in epoch e1",
  });
  assert.throws(() => store.messagesSince('e1', -1, 10), { code: 'invalid_record' });
  assert.throws(() => store.messagesSince('e1', 0, 0), { code: 'invalid_record' });
  store.close();
});

test('the log stays bounded and refuses a resume from pruned history', () => {
  const limit = 20;
  const store = openStore(':memory:', { messageLogLimit: limit });
  for (let seq = 1; seq <= 1000; seq++) store.appendMessage(seq, 'e1', msg(seq));
  const kept = store.messagesSince('e1', 1000 - limit, 10_000);
  assert.deepEqual(seqs(kept), Array.from({ length: limit }, (_, i) => 1000 - limit + 1 + i));
  assert.equal(store.messagesSince('e1', 0, 10_000), null);
  assert.equal(store.messagesSince('e1', 900, 10_000), null);
  store.close();
});

test('the history is pruned in small steps: always the last `limit` messages, never more than a hundredth over', () => {
  const limit = 1000;
  const step = limit / 100;
  const store = openStore(':memory:', { messageLogLimit: limit });
  const first = 501; // an epoch need not start at seq 1
  /** The oldest seq a client may still resume from (its answer lists every message after it). */
  const oldestResumable = (head: number): number => {
    let lo = first - 1;
    let hi = head;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (store.messagesSince('e1', mid, 1) === null) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (let seq = first; seq <= first + 1300; seq++) {
    store.appendMessage(seq, 'e1', msg(seq));
    const kept = seq - oldestResumable(seq);
    assert.ok(kept >= Math.min(limit, seq - first + 1), `after seq ${seq}: only ${kept} messages resumable`);
    assert.ok(kept < limit + step, `after seq ${seq}: ${kept} messages kept, over ${limit} + ${step}`);
  }
  const head = first + 1300;
  assert.equal(store.messagesSince('e1', head - limit, limit)?.length, limit);
  store.close();
});

test('a new epoch drops the old history; what precedes its first message is not resumable', () => {
  const store = openStore(':memory:');
  for (let seq = 1; seq <= 3; seq++) store.appendMessage(seq, 'e1', msg(seq));
  store.appendMessage(10, 'e2', msg(10));
  assert.deepEqual(store.messageLogHead(), { epoch: 'e2', seq: 10 });
  assert.equal(store.messagesSince('e1', 1, 10), null);
  assert.equal(store.messagesSince('e2', 5, 10), null);
  assert.deepEqual(seqs(store.messagesSince('e2', 9, 10)), [10]);
  store.close();
});

test('the log and its numbering continue across a reopen', (t) => {
  const file = path.join(tempDir(t), 'log.db');
  const first = openStore(file);
  for (let seq = 1; seq <= 3; seq++) first.appendMessage(seq, 'e1', msg(seq));
  first.close();
  const store = openStore(file);
  t.after(() => store.close());
  const head = store.messageLogHead();
  assert.deepEqual(head, { epoch: 'e1', seq: 3 });
  store.appendMessage(4, 'e1', msg(4));
  assert.deepEqual(seqs(store.messagesSince('e1', 1, 10)), [2, 3, 4]);
});

test('appends rolled back with their transaction leave no trace', () => {
  const store = openStore(':memory:');
  store.appendMessage(1, 'e1', msg(1));
  assert.throws(() =>
    store.transaction(() => {
      store.appendMessage(2, 'e1', msg(2));
      store.appendMessage(3, 'e2', msg(3));
      throw new Error('cycle failed');
    }),
  );
  assert.deepEqual(store.messageLogHead(), { epoch: 'e1', seq: 1 });
  store.appendMessage(2, 'e1', msg(2));
  assert.deepEqual(seqs(store.messagesSince('e1', 0, 10)), [1, 2]);
  store.close();
});
