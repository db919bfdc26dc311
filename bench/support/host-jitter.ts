/**
 * How late this machine wakes an idle process: the overshoot of 1 ms timers. On a virtual
 * machine a sleeping vCPU can take milliseconds to be scheduled again, and every hop of the
 * live benches (CDN → service → clients) wakes a process, so the figure says how quiet the host
 * was while the latencies were measured.
 */
import { percentile } from '../stats.ts';

export interface Jitter {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export async function timerOvershoot(samples = 1000): Promise<Jitter> {
  const late: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1));
    late.push(performance.now() - start - 1);
  }
  late.sort((a, b) => a - b);
  return { p50: percentile(late, 50), p99: percentile(late, 99), max: late.at(-1) ?? Number.NaN };
}
