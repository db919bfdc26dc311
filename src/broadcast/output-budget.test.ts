import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutputBudget } from './output-budget.ts';

describe('OutputBudget', () => {
  it('counts the send buffer and the backlog together against the limit', () => {
    const budget = new OutputBudget(1_000);
    assert.equal(budget.exceededBy({ bufferedAmount: 600, backlog: undefined }, 400), false, 'exactly at the limit is within it');
    assert.equal(budget.exceededBy({ bufferedAmount: 600, backlog: undefined }, 401), true);
    assert.equal(budget.exceededBy({ bufferedAmount: 300, backlog: { bytes: 300 } }, 400), false);
    assert.equal(budget.exceededBy({ bufferedAmount: 300, backlog: { bytes: 400 } }, 301), true);
    assert.equal(budget.exceededBy({ bufferedAmount: 0, backlog: undefined }, 1_001), true, 'one message larger than the budget');
  });

  it('names the limit in a reason short enough for a close frame', () => {
    const reason = new OutputBudget(4 * 1024 ** 3).reason;
    assert.equal(reason, 'output budget: more than 4294967296 bytes held for this client');
    assert.ok(Buffer.byteLength(reason) <= 123);
  });
});
