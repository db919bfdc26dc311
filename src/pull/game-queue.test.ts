import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enumerationQueue, listQueue, regularSeasonId } from './game-queue.ts';

/** Drives a queue with `workers` concurrent workers against a CDN that has the ids of `has`. */
async function drain(queue: ReturnType<typeof enumerationQueue>, has: (n: number) => boolean, workers: number): Promise<number[]> {
  const asked: number[] = [];
  const worker = async (): Promise<void> => {
    for (let id = await queue.next(); id !== undefined; id = await queue.next()) {
      const n = Number(id.slice(5));
      asked.push(n);
      // Later ids answer first sometimes, as concurrent requests do.
      await new Promise((resolve) => setTimeout(resolve, (n * 7) % 5));
      queue.settle(id, has(n));
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return asked.sort((a, b) => a - b);
}

test('regular-season ids of a season', () => {
  assert.equal(regularSeasonId('2024-25', 1), '0022400001');
  assert.equal(regularSeasonId('1999-00', 1230), '0029901230');
});

test('enumeration asks every id up to a run of misses, never further, with any number of workers', async () => {
  for (const workers of [1, 4]) {
    const queue = enumerationQueue('2024-25', 5, new Set());
    const asked = await drain(queue, (n) => n <= 30 && n !== 12, workers);
    assert.deepEqual(asked, Array.from({ length: 35 }, (_, i) => i + 1), `${workers} workers`);
    assert.deepEqual(queue.holes(), ['0022400012']);
  }
});

test('ids already pulled count as found and are not asked for', async () => {
  const present = new Set(Array.from({ length: 10 }, (_, i) => regularSeasonId('2024-25', i + 1)));
  const queue = enumerationQueue('2024-25', 3, present);
  const asked = await drain(queue, (n) => n <= 12, 4);
  assert.deepEqual(asked, [11, 12, 13, 14, 15]);
  assert.deepEqual(queue.holes(), []);
});

test('a season with nothing at all stops after the run', async () => {
  const queue = enumerationQueue('2030-31', 4, new Set());
  assert.deepEqual(await drain(queue, () => false, 4), [1, 2, 3, 4]);
});

test('a list queue hands out its ids once, in order', async () => {
  const queue = listQueue(['a', 'b']);
  assert.deepEqual([await queue.next(), await queue.next(), await queue.next()], ['a', 'b', undefined]);
});
