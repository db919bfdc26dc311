import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Screen } from './screen.ts';

function terminal(): { writes: string[]; write: (t: string) => void } {
  const writes: string[] = [];
  return { writes, write: (t) => void writes.push(t) };
}

describe('the screen', () => {
  it('enters the alternate screen once, then draws each frame from the top-left, each line cleared to its end', () => {
    const out = terminal();
    const screen = new Screen(out);
    screen.draw(['one', 'two']);
    screen.draw(['three']);
    assert.deepEqual(out.writes, ['\x1b[?1049h\x1b[?25l', '\x1b[Hone\x1b[K\r\ntwo\x1b[K\x1b[J', '\x1b[Hthree\x1b[K\x1b[J']);
  });
  it('does not write a frame that has not changed, unless told the terminal changed', () => {
    const out = terminal();
    const screen = new Screen(out);
    screen.draw(['same']);
    screen.draw(['same']);
    assert.equal(out.writes.length, 2);
    screen.invalidate();
    screen.draw(['same']);
    assert.equal(out.writes.length, 3);
  });
  it('gives the shell its screen and cursor back on leaving, once, and only if it took them', () => {
    const out = terminal();
    const screen = new Screen(out);
    screen.leave();
    assert.equal(out.writes.length, 0);
    screen.draw(['x']);
    screen.leave();
    screen.leave();
    assert.equal(out.writes.at(-1), '\x1b[?25h\x1b[?1049l');
    assert.equal(out.writes.filter((w) => w.includes('\x1b[?1049l')).length, 1);
  });
});
