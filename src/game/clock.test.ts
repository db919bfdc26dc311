import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ClockError, elapsedSeconds, formatClock, isoClock, lastMinuteOf, minuteOf, parseClock, periodStart, readClock } from './clock.ts';

describe('readClock', () => {
  it('reads the live feed ISO durations, fractions and three-digit minutes', () => {
    assert.equal(readClock('PT05M32.00S'), 332);
    assert.equal(readClock('PT00M05.30S'), 5.3);
    assert.equal(readClock('PT12M00.00S'), 720);
    assert.equal(readClock('PT123M04.50S'), 7384.5);
    assert.equal(readClock('PT45.2S'), 45.2);
    assert.equal(readClock('PT00M00.00S'), 0);
  });
  it('reads unpadded ISO durations, either part alone, in any case', () => {
    assert.equal(readClock('PT5M4S'), 304);
    assert.equal(readClock('PT5M'), 300);
    assert.equal(readClock('PT0S'), 0);
    assert.equal(readClock('pt05m04.00s'), 304);
  });
  it('reads m:ss and mm:ss with any surrounding whitespace, and seconds with tenths', () => {
    assert.equal(readClock('5:32'), 332);
    assert.equal(readClock('12:00'), 720);
    assert.equal(readClock('0:00'), 0);
    assert.equal(readClock('3:37 '), 217);
    assert.equal(readClock('5:04 '), 304);
    assert.equal(readClock('10:37'), 637);
    assert.equal(readClock(' \t07:15\u00a0\n'), 435);
    assert.equal(readClock('0:45.2'), 45.2);
    assert.equal(readClock('45.2'), 45.2);
  });
  it('reads no clock shown (before tip-off, at a break, after the buzzer) as undefined', () => {
    assert.equal(readClock(''), undefined);
    assert.equal(readClock('   '), undefined);
  });
  it('rejects anything else with a ClockError naming the text', () => {
    for (const bad of ['PT', 'PTS', 'PT5', '5:3', 'PT05M75.00S', '5:60', 'soon', '-1:00', '45', '5 : 32', 'PT-5M', '3 min 37', '1:2:03', 'PT05M04,00S']) {
      assert.throws(() => readClock(bad), (e: unknown) => isClockErrorFor(e, bad), bad);
    }
  });
  it('quotes at most 100 characters of a garbage text', () => {
    const huge = 'x'.repeat(100_000);
    assert.throws(() => readClock(huge), (e: unknown) => e instanceof ClockError && e.text.length === 101 && e.message.length < 200);
  });
});

describe('parseClock (a clock that must be shown)', () => {
  it('reads what readClock reads and rejects a blank clock', () => {
    assert.equal(parseClock(' PT05M32.00S'), 332);
    for (const blank of ['', '  ']) assert.throws(() => parseClock(blank), (e: unknown) => isClockErrorFor(e, blank));
  });
});

describe('clock texts, property-tested', () => {
  const runs = { numRuns: 1_000 };
  const blanks = fc.array(fc.constantFrom(' ', '  ', '\t', '\u00a0', '\n', '\r\n'), { maxLength: 3 }).map((a) => a.join(''));

  it('reads every written form of every clock, padded with any whitespace, to the same time', () => {
    fc.assert(
      fc.property(clockParts, blanks, blanks, (parts, before, after) => {
        const want = hundredthsOf(parts);
        for (const text of writtenForms(parts)) {
          const read = readClock(`${before}${text}${after}`);
          assert.equal(read === undefined ? undefined : Math.round(read * 100), want, JSON.stringify(text));
        }
      }),
      runs,
    );
  });

  it('round-trips the live feed form the replay writes, never rounding up', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999 * 6000 + 5999 }), (h) => Math.round((readClock(isoClock(h / 100)) ?? NaN) * 100) === h), runs);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 720, noNaN: true }), (s) => {
        // Up only by float noise (5.3 s is 529.99999… hundredths), never by a hundredth.
        const read = readClock(isoClock(s)) ?? NaN;
        return read <= s + 1e-8 && read > s - 0.01;
      }),
      runs,
    );
  });

  it('round-trips the wire form mm:ss, fractions dropped', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 720, noNaN: true }), (s) => readClock(formatClock(s)) === Math.floor(s + 1e-9)), runs);
    fc.assert(fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 59 }), (m, sec) => {
      const text = `${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
      return formatClock(parseClock(text)) === text;
    }), runs);
  });

  it('gives any string a time, undefined for blanks, or a ClockError naming it; never another failure', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.stringMatching(/^[PTMS0-9:. -]{0,14}$/)), (text) => {
        let read: number | undefined;
        try {
          read = readClock(text);
        } catch (error) {
          assert.ok(isClockErrorFor(error, text), String(error));
          return;
        }
        if (read === undefined) assert.equal(text.trim(), '');
        else assert.ok(Number.isFinite(read) && read >= 0, `${JSON.stringify(text)} read as ${read}`);
      }),
      runs,
    );
  });

  it('rejects every written form with a stray character in it, or seconds past 59 beside minutes', () => {
    fc.assert(
      fc.property(clockParts, fc.nat(), fc.constantFrom('-', '+', 'x', '/', ',', ';', '#', 'e', '!', '_', '\u0000'), (parts, at, stray) => {
        for (const text of writtenForms(parts)) {
          const i = at % (text.length + 1);
          const bad = `${text.slice(0, i)}${stray}${text.slice(i)}`;
          assert.throws(() => readClock(bad), (e: unknown) => isClockErrorFor(e, bad), JSON.stringify(bad));
        }
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 60, max: 99 }), (m, sec) => {
        for (const bad of [`PT${m}M${sec}S`, `PT${m}M${sec}.00S`, `${m}:${sec}`]) assert.throws(() => readClock(bad), ClockError, bad);
      }),
      runs,
    );
  });
});

interface ClockParts {
  readonly minutes: number;
  readonly seconds: number;
  readonly hundredths: number;
}

const clockParts = fc.record({ minutes: fc.integer({ min: 0, max: 999 }), seconds: fc.integer({ min: 0, max: 59 }), hundredths: fc.integer({ min: 0, max: 99 }) });

const hundredthsOf = (p: ClockParts): number => (p.minutes * 60 + p.seconds) * 100 + p.hundredths;

/** Every way the NBA has written this clock. */
function writtenForms({ minutes, seconds, hundredths }: ClockParts): string[] {
  const two = (n: number): string => String(n).padStart(2, '0');
  const fraction = hundredths > 0 ? `.${two(hundredths)}` : '';
  const forms = [
    `PT${two(minutes)}M${two(seconds)}.${two(hundredths)}S`,
    `pt${two(minutes)}m${two(seconds)}.${two(hundredths)}s`,
    `PT${minutes}M${seconds}${fraction}S`,
    `${minutes}:${two(seconds)}${fraction}`,
    `${two(minutes)}:${two(seconds)}${fraction}`,
  ];
  if (minutes === 0) forms.push(`PT${seconds}${fraction}S`, `${seconds}.${two(hundredths)}`);
  if (seconds === 0 && hundredths === 0) forms.push(`PT${minutes}M`);
  return forms;
}

function isClockErrorFor(error: unknown, text: string): boolean {
  return error instanceof ClockError && error.code === 'invalid_clock' && error.message.includes(JSON.stringify(text.slice(0, 100)).slice(0, -1));
}

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
