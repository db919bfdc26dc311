/** Small helpers shared by the benchmarks. */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/data/location.ts';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function summarize(samples: readonly number[]): { n: number; p50: number; p99: number; max: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s.at(-1) ?? Number.NaN, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export function dataArg(): string {
  const i = process.argv.indexOf('--data');
  const dir = i >= 0 ? process.argv[i + 1] : process.env.NBA_DATA_DIR;
  if (!dir) throw new Error('pass --data DIR (the NBA dataset)');
  return dir;
}

/** Writes this benchmark's section, stamped with the machine and date it was measured on. */
export function writeSection(name: string, title: string, body: string): void {
  const stamp = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}.`;
  writeFileSync(path.join(PROJECT_ROOT, 'bench/results', `${name}.md`), `## ${title}\n\n${stamp}\n\n${body.trim()}\n`);
}

export const ms = (n: number): string => `${n.toFixed(n < 10 ? 3 : 1)} ms`;
