import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Tally } from './tally.ts';

describe('Tally', () => {
  it('starts every key at 0 and hands out copies', () => {
    const tally = new Tally(['slow', 'dead'] as const);
    const before = tally.counts();
    tally.add('slow');
    tally.add('slow');
    assert.deepEqual(before, { slow: 0, dead: 0 });
    assert.deepEqual(tally.counts(), { slow: 2, dead: 0 });
    assert.equal(tally.get('slow'), 2);
  });
});
