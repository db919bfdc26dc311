import assert from 'node:assert/strict';
import { it } from 'node:test';
import { EdgeArchive } from './edge-archive.ts';

const message = (seq: number) => ({ seq, json: `{"seq":${seq}}` });

it('keeps other games\' seqs as gaps, fills one with its message later, and answers only within its epoch and range', () => {
  const archive = new EdgeArchive('e1', 10);
  archive.append(message(11));
  archive.skipTo(13);
  archive.append(message(14));
  assert.deepEqual(archive.messagesSince('e1', 10, 10), [message(11), { seq: 12, gap: true }, { seq: 13, gap: true }, message(14)]);
  archive.fill(message(13));
  archive.fill(message(9)); // before what it holds: nothing to fill
  archive.fill(message(15)); // not reached yet
  assert.deepEqual(archive.messagesSince('e1', 11, 2), [{ seq: 12, gap: true }, message(13)]);
  assert.equal(archive.messagesSince('e2', 11, 2), null);
  assert.equal(archive.messagesSince('e1', 9, 2), null);
  assert.equal(archive.messagesSince('e1', 15, 2), null);
  assert.throws(() => archive.append(message(16)), /archive at 14: cannot append seq 16/);
  assert.throws(() => archive.skipTo(12), /archive at 14: cannot skip back to seq 12/);
});

it('drops its oldest entries past its limit, gaps included', () => {
  const archive = new EdgeArchive('e1', 0, 10);
  archive.skipTo(30);
  assert.equal(archive.messagesSince('e1', 0, 5), null);
  assert.deepEqual(archive.messagesSince('e1', 29, 5), [{ seq: 30, gap: true }]);
});
