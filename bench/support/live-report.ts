/** Markdown for the live benches: one row per run, the latency split into the service's stages. */
import { ms } from '../stats.ts';
import { quantiles, type LiveRunResult } from './live-run.ts';

const p = (sorted: ArrayLike<number>): string => {
  const q = quantiles(sorted);
  return `${ms(q.p50)} / ${ms(q.p99)} / ${ms(q.max)}`;
};

export const LATENCY_HEADER = [
  '| run | messages | deliveries | response → client p50 / p99 / max | response → publish p50 / p99 / max | inside publish p50 / p99 / max | publish → first client p50 / p99 / max | publish → last client p50 / p99 / max | service CPU | clients CPU |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
].join('\n');

export function latencyRow(name: string, r: LiveRunResult): string {
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  return `| ${name} | ${r.messages} | ${r.latencies.length.toLocaleString('en-US')} | ${p(r.latencies)} | ${p(r.stages.handling)} | ${p(r.stages.publishing)} | ${p(r.stages.firstClient)} | ${p(r.stages.lastClient)} | ${pct(r.serverCpu)} | ${pct(r.clientCpu)} |`;
}

export function integrityLine(name: string, r: LiveRunResult): string {
  const types = Object.entries(r.byType).map(([t, n]) => `${n} ${t}`).join(', ');
  return `- ${name}: ${types}; missing ${r.missing}, duplicated ${r.duplicates}, unattributed ${r.unattributed}; clock offset between the processes ${ms(r.clockOffsetMs)} (best IPC round trip ${ms(r.clockRttMs)}).`;
}

export function summaryLine(name: string, r: LiveRunResult): string {
  const q = quantiles(r.latencies);
  return `${name}: p50 ${ms(q.p50)}, p99 ${ms(q.p99)}, max ${ms(q.max)} over ${r.latencies.length} deliveries of ${r.messages} messages; missing ${r.missing}, duplicated ${r.duplicates}`;
}

export function gcLine(name: string, r: LiveRunResult): string {
  const g = r.serviceGc;
  return `- ${name}: the service stopped for garbage collection ${g.pauses} times in the window (${ms(g.totalMs)} in all, the longest ${ms(g.longestMs)}); ${Math.round(g.tailShare * 100)}% of the deliveries at or above the run's p99 were in bursts that one of those pauses held up.`;
}

/** The latency bar: the service's p99 at most this many times the instrument floor's p99 in the same run. */
export const LATENCY_BAR_RATIO = 1.5;

export const ratioHeader = [
  '| run | floor p50 / p99 (deliveries) | service p50 / p99 (deliveries) | p99 ratio | bar |',
  '| --- | --- | --- | --- | --- |',
].join('\n');

export function ratioRow(name: string, floor: { latencies: Float64Array; expected: number }, r: LiveRunResult): string {
  const f = quantiles(floor.latencies);
  const s = quantiles(r.latencies);
  const ratio = s.p99 / f.p99;
  const verdict = ratio <= LATENCY_BAR_RATIO ? 'met' : '**missed**';
  return `| ${name} | ${ms(f.p50)} / ${ms(f.p99)} (${floor.latencies.length.toLocaleString('en-US')} of ${floor.expected.toLocaleString('en-US')}) | ${ms(s.p50)} / ${ms(s.p99)} (${r.latencies.length.toLocaleString('en-US')}) | ×${ratio.toFixed(2)} | ≤ ×${LATENCY_BAR_RATIO}: ${verdict} |`;
}
