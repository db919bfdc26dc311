import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClockError, elapsedSeconds, formatClock, lastMinuteOf, minuteOf, parseClock, periodStart } from './clock.ts';

describe('parseClock', () => {
  it('reads the live feed ISO durations, fractions and three-digit minutes', () => {
    assert.equal(parseClock('PT05M32.00S'), 332);
    assert.equal(parseClock('PT00M05.30S'), 5.3);
    assert.equal(parseClock('PT12M00.00S'), 720);
    assert.equal(parseClock('PT123M04.50S'), 7384.5);
    assert.equal(parseClock('PT45.2S'), 45.2);
  });
  it('reads mm:ss and m:ss', () => {
    assert.equal(parseClock('5:32'), 332);
    assert.equal(parseClock('12:00'), 720);
    assert.equal(parseClock('0:00'), 0);
  });
  it('rejects anything else with a ClockError naming the text', () => {
    for (const bad of ['', 'PT5M', '5:3', 'PT05M75.00S', 'soon', '-1:00']) {
      assert.throws(() => parseClock(bad), (e: unknown) => e instanceof ClockError && e.code === 'invalid_clock' && e.message.includes(JSON.stringify(bad)));
    }
  });
});

describe('elapsed game time', () => {
  it('counts 12-minute quarters then 5-minute overtimes', () => {
    assert.equal(periodStart(1), 0);
    assert.equal(periodStart(4), 2160);
    assert.equal(periodStart(5), 2880);
    assert.equal(periodStart(7), 3480);
    assert.equal(elapsedSeconds(2, 360), 1080);
    assert.equal(elapsedSeconds(5, 0), 3180);
    assert.throws(() => periodStart(0), RangeError);
  });
  it('puts an event at exactly 6:00 of Q2 in minute 18 and one a tenth later in minute 19', () => {
    assert.equal(minuteOf(2, 360), 18);
    assert.equal(minuteOf(2, 359.9), 19);
  });
  it('never counts an event at 12:00 of the next period toward the previous period', () => {
    assert.equal(minuteOf(1, 0), 12);
    assert.equal(minuteOf(2, 720), 13);
    assert.equal(minuteOf(5, 300), 49);
    assert.equal(minuteOf(1, 720), 1);
  });
  it('knows the last minute of each period', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(lastMinuteOf), [12, 24, 36, 48, 53, 58]);
  });
});

describe('formatClock', () => {
  it('writes mm:ss and never shows 06:00 once 6:00 has passed', () => {
    assert.equal(formatClock(332), '05:32');
    assert.equal(formatClock(359.9), '05:59');
    assert.equal(formatClock(720), '12:00');
    assert.equal(formatClock(0), '00:00');
  });
});
