/**
 * A suite whose tests all read one long run (a replayed night over several processes): the run
 * goes once before the tests and its cleanups after them, in reverse; each test gets its outcome,
 * or fails with what made the run fail.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { JetStreamManager } from '@nats-io/jetstream';
import { streamHead } from '../../src/cluster/stream-reader.ts';

export type Cleanups = Array<() => Promise<unknown> | unknown>;

/** Call inside `describe`; the returned function is for use inside its tests. */
export function useNightRun<T>(run: (cleanups: Cleanups) => Promise<T>, timeoutMs = 240_000): () => T {
  let outcome: T | undefined;
  let failure: unknown;
  const cleanups: Cleanups = [];
  before(async () => {
    try {
      outcome = await run(cleanups);
    } catch (error) {
      failure = error;
    }
  }, { timeout: timeoutMs });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve().then(cleanup).catch(() => undefined);
  });
  return () => {
    if (failure) throw failure;
    assert.ok(outcome !== undefined);
    return outcome;
  };
}

/** The stream's last seq once nothing has been added to it for a second. */
export async function quietHead(jsm: JetStreamManager): Promise<number> {
  let last = -1;
  for (;;) {
    const seq = (await streamHead(jsm)).lastSeq;
    if (seq === last) return seq;
    last = seq;
    await delay(1_000);
  }
}
