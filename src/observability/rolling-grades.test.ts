import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RollingGrades } from './rolling-grades.ts';

describe('RollingGrades', () => {
  it('averages only the most recent grades', () => {
    const g = new RollingGrades(3);
    assert.equal(g.mae, undefined);
    assert.equal(g.coverage, undefined);
    g.add(10, false);
    g.add(1, true);
    g.add(2, true);
    g.add(3, true);
    assert.equal(g.count, 3);
    assert.equal(g.mae, 2);
    assert.equal(g.coverage, 1);
  });
  it('refuses a window that is not a positive integer', () => {
    assert.throws(() => new RollingGrades(0), RangeError);
  });
});
