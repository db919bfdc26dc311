/**
 * When a standby poller took the lease after a kill, by its own log line (`"role":"taking_over"`),
 * on the wall clock the pollers share with the caller (one machine): a process busy with hundreds
 * of clients could not time it as well itself.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Lease } from '../../src/cluster/lease.ts';
import type { CliProcess } from './cli-process.ts';

const TAKING_OVER = /"time":(\d+),"pid":(\d+),[^\n]*"role":"taking_over"/g;

/** Epoch ms of the first `taking_over` a running poller logged at or after `killedAt`; undefined if none within `withinMs`. */
export async function takenOverAt(pollers: readonly CliProcess[], killedAt: number, withinMs = 10_000): Promise<number | undefined> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; await delay(20)) {
    let first: number | undefined;
    for (const p of pollers.filter((q) => q.running)) {
      for (const m of p.stdout.matchAll(TAKING_OVER)) if (Number(m[1]) >= killedAt) first = Math.min(first ?? Infinity, Number(m[1]));
    }
    if (first !== undefined) return first;
  }
  return undefined;
}

/** The poller holding the lease (waiting out a moment between two leaders), and its name; throws if it is none of `pollers`. */
export async function leadingPoller(lease: Lease, pollers: readonly CliProcess[]): Promise<{ holder: string; poller: CliProcess }> {
  let holder = await lease.holder();
  for (const until = Date.now() + 10_000; holder === undefined && Date.now() < until; holder = await lease.holder()) await delay(10);
  // Holder names are `<host>-<pid>-<random>`.
  const pid = Number(holder?.split('-').at(-2));
  const poller = pollers.find((p) => p.pid === pid && p.running);
  if (holder === undefined || !poller) throw new Error(`the lease holder ${holder} is none of the pollers`);
  return { holder, poller };
}
