import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { barProgress, duration, lineProgress } from './progress.ts';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => void (chunks.push(String(chunk)), done()) });
  return { stream, text: () => chunks.join('') };
}

test('line mode: a line at the start, at most one per interval, one at the end, with an ETA', () => {
  let now = 0;
  const out = sink();
  const p = lineProgress(out.stream, '2024-25', { intervalMs: 10_000, now: () => now });
  p.start(100);
  now = 5_000;
  p.update({ done: 10, total: 100, skipped: 0 });
  now = 20_000;
  p.update({ done: 40, total: 100, skipped: 1 });
  now = 25_000;
  p.update({ done: 50, total: 100, skipped: 1 });
  now = 50_000;
  p.update({ done: 100, total: 100, skipped: 2 });
  p.stop();
  assert.deepEqual(out.text().trim().split('\n'), [
    'pull 2024-25: 0/100 games, 0 skipped, 0s so far',
    'pull 2024-25: 40/100 games, 1 skipped, 20s so far, ETA 30s',
    'pull 2024-25: 100/100 games, 2 skipped, 50s so far',
    'pull 2024-25: 100/100 games, 2 skipped, 50s so far',
  ]);
});

test('bar mode draws the games done, the skips and an ETA', () => {
  const out = sink();
  const p = barProgress(Object.assign(out.stream, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true }), '2024-25');
  p.start(4);
  p.update({ done: 2, total: 4, skipped: 1 });
  p.stop();
  assert.match(out.text(), /pull 2024-25 \[[█░]+\] 2\/4 games \| 1 skipped \| ETA /);
});

test('durations read as people write them', () => {
  assert.deepEqual([duration(0), duration(42_400), duration(192_000), duration(3_900_000)], ['0s', '42s', '3m 12s', '1h 05m']);
});
