import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { JetStreamClient } from '@nats-io/jetstream';
import { readStream } from './stream-reader.ts';

/** A JetStream client whose consumer takes `makeMs` to make and then delivers nothing, until stopped. */
function slowClient(makeMs: number): JetStreamClient {
  const consumer = {
    consume: async () => {
      let stop = (): void => {};
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      return {
        stop,
        [Symbol.asyncIterator]: () => ({
          next: async (): Promise<IteratorResult<never>> => {
            await stopped;
            return { done: true, value: undefined };
          },
        }),
      };
    },
  };
  return { consumers: { get: () => new Promise((resolve) => setTimeout(() => resolve(consumer), makeMs)) } } as unknown as JetStreamClient;
}

it('a read that stalls while its consumer is still being made rejects, and nothing goes unhandled', async () => {
  const unhandled: unknown[] = [];
  const note = (reason: unknown): void => void unhandled.push(reason);
  process.on('unhandledRejection', note);
  try {
    await assert.rejects(readStream(slowClient(60), 1, 5, () => {}, 10), /stream read stalled before seq 1/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', note);
  }
});
