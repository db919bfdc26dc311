import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageQueue } from './message-queue.ts';

test('items come out in order, whether they were waited for or queued; end() drains the queue first', async () => {
  const q = new MessageQueue<number>(() => {});
  const waited = [q.next(), q.next()];
  q.push(1);
  q.push(2);
  q.push(3);
  assert.deepEqual(await Promise.all(waited), [{ value: 1, done: false }, { value: 2, done: false }]);
  q.end();
  q.push(4);
  assert.deepEqual(await q.next(), { value: 3, done: false });
  assert.deepEqual(await q.next(), { value: undefined, done: true });
});

test('a long queue keeps its order through compaction', async () => {
  const q = new MessageQueue<number>(() => {});
  for (let i = 0; i < 5000; i += 1) q.push(i);
  q.end();
  const out: number[] = [];
  for await (const n of q) out.push(n);
  assert.deepEqual(out, Array.from({ length: 5000 }, (_, i) => i));
});

test('break drops what is queued, tells the owner, and wakes no one twice', async () => {
  let returned = 0;
  const q = new MessageQueue<string>(() => (returned += 1));
  q.push('a');
  q.push('b');
  for await (const s of q) {
    assert.equal(s, 'a');
    break;
  }
  assert.equal(returned, 1);
  assert.deepEqual(await q.next(), { value: undefined, done: true });
});
