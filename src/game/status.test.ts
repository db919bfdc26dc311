import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isOff } from '../domain/game-status.ts';
import { gameStatusOf, readStatusText, type StatusTextMeaning } from './status.ts';

/** Status texts the NBA has published, by what they mean. */
const TEXTS: ReadonlyArray<readonly [string, StatusTextMeaning]> = [
  ['Half', 'halftime'],
  ['Halftime', 'halftime'],
  ['End of 1st Qtr', 'period_over'],
  ['End Q3', 'period_over'],
  ['TBD', 'tbd'],
  ['PPD', 'postponed'],
  ['Postponed', 'postponed'],
  ['Cancelled', 'cancelled'],
  ['Canceled', 'cancelled'],
  ['3rd Qtr', 'other'],
  ['Q2 07:15', 'other'],
  ['Final', 'other'],
  ['Final/OT', 'other'],
  ['7:00 pm ET', 'other'],
  ['', 'other'],
  ['Halfway', 'other'],
  ['Endgame', 'other'],
];

describe('readStatusText', () => {
  it('knows each published text, whatever its padding, spacing and case', () => {
    const blanks = fc.array(fc.constantFrom(' ', '  ', '\t', '\u00a0', '\n'), { maxLength: 3 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...TEXTS), blanks, blanks, fc.boolean(), ([text, meaning], before, after, upper) => {
        const padded = `${before}${(upper ? text.toUpperCase() : text.toLowerCase()).replace(/ /g, '  ')}${after}`;
        assert.equal(readStatusText(padded), meaning, JSON.stringify(padded));
      }),
      { numRuns: 500 },
    );
    assert.equal(readStatusText(' Half '), 'halftime');
    assert.equal(readStatusText('3rd Qtr  '), 'other');
    assert.equal(readStatusText(undefined), 'other');
  });
});

describe('gameStatusOf', () => {
  it('reads live games as in progress or at halftime, never as off', () => {
    assert.equal(gameStatusOf(2, 3, 217, 'other'), 'In Progress');
    assert.equal(gameStatusOf(2, 2, 0, 'other'), 'Halftime');
    assert.equal(gameStatusOf(2, 2, undefined, 'halftime'), 'Halftime');
    assert.equal(gameStatusOf(2, 1, 0, 'period_over'), 'In Progress');
    assert.equal(gameStatusOf(2, 0, undefined, 'postponed'), 'In Progress');
  });
  it('reads a game that never tipped off as off when its text says so, whatever its code', () => {
    assert.equal(gameStatusOf(1, 0, undefined, 'tbd'), 'TBD');
    assert.equal(gameStatusOf(1, 0, undefined, 'postponed'), 'Postponed');
    assert.equal(gameStatusOf(3, 0, undefined, 'postponed'), 'Postponed');
    assert.equal(gameStatusOf(1, 0, undefined, 'cancelled'), 'Cancelled');
    assert.equal(gameStatusOf(1, 0, undefined, 'other'), 'Scheduled');
  });
  it('keeps a game that was played final, whatever its text', () => {
    assert.equal(gameStatusOf(3, 4, undefined, 'other'), 'Final');
    assert.equal(gameStatusOf(3, 4, undefined, 'cancelled'), 'Final');
  });
  it('counts TBD, postponed and cancelled as off, nothing else', () => {
    assert.deepEqual(
      (['Scheduled', 'In Progress', 'Halftime', 'Final', 'TBD', 'Postponed', 'Cancelled'] as const).filter(isOff),
      ['TBD', 'Postponed', 'Cancelled'],
    );
  });
});
