/**
 * Every run of the latency bench on record, kept in `bench/results/latency-runs.json` and shown as
 * a table in docs/benchmarks.md. One run's figures say what the host gave that quarter of an hour;
 * on a shared 2-core machine that moves by more than the 100-client bar's margin, so the misses
 * stay on the page beside the run that is shown in full.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/data/location.ts';
import { ms } from '../stats.ts';

export interface LatencyRun {
  /** When the bench finished, `YYYY-MM-DD HH:MM` UTC. */
  readonly at: string;
  readonly machine: string;
  /** The last commit that touched `src/` when the bench ran (`+` when `src/` had uncommitted changes). */
  readonly serviceCode: string;
  /** p99 of each 100-client run (one before the three-run protocol, three since). */
  readonly hundredRunsP99: readonly number[];
  /** All 100-client deliveries of the bench pooled. */
  readonly hundredP50: number;
  readonly hundredP99: number;
  /** The service's own share: the median of the 100-client runs' "response → publish" p50. */
  readonly hundredHandlingP50: number;
  readonly thousandP99: number;
}

/** The bars, ms of p99: the bench's verdicts and this table read them from here. */
export const LATENCY_BARS = { hundred: 10, thousand: 60 } as const;

const FILE = path.join(PROJECT_ROOT, 'bench/results/latency-runs.json');
/** `latency.runs.md` sorts right after `latency.md`, so the table follows the latest run in the docs. */
const SECTION = path.join(PROJECT_ROOT, 'bench/results/latency.runs.md');

export function readLatencyRuns(): LatencyRun[] {
  return existsSync(FILE) ? (JSON.parse(readFileSync(FILE, 'utf8')) as LatencyRun[]) : [];
}

export function appendLatencyRun(run: LatencyRun): void {
  writeFileSync(FILE, `${JSON.stringify([...readLatencyRuns(), run], null, 1)}\n`);
}

/** Which service code a run measured: the bench itself may change without changing what it measures. */
export function serviceCode(): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    return git('log', '-1', '--format=%h', '--', 'src') + (git('status', '--porcelain', '--', 'src') === '' ? '' : '+');
  } catch {
    return 'unknown';
  }
}

export const verdict = (p99: number, bar: number): 'met' | 'missed' => (p99 <= bar ? 'met' : 'missed');

/** Rewrites the runs' section from the JSON (the assembler calls it, so the page never lags the file). */
export function writeLatencyRunsSection(): void {
  const runs = readLatencyRuns();
  if (runs.length === 0) return;
  const rows = runs.map((r) =>
    `| ${r.at} | ${r.machine} | ${r.serviceCode} | ${r.hundredRunsP99.map(ms).join(', ')} | ${ms(r.hundredP50)} / ${ms(r.hundredP99)} | ${verdict(r.hundredP99, LATENCY_BARS.hundred)} | ${ms(r.hundredHandlingP50)} | ${ms(r.thousandP99)} | ${verdict(r.thousandP99, LATENCY_BARS.thousand)} |`);
  const met = (bar: number, p99: (r: LatencyRun) => number): number => runs.filter((r) => verdict(p99(r), bar) === 'met').length;
  const hundredMet = met(LATENCY_BARS.hundred, (r) => r.hundredP99);
  const thousandMet = met(LATENCY_BARS.thousand, (r) => r.thousandP99);
  writeFileSync(SECTION, `## Feed response → client: every run on record

Each run of the latency bench below adds a row here (\`bench/results/latency-runs.json\`), so the section above,
which shows the latest run in full, is never the only word. Same bench, night and clients in every row; "service"
is the last commit to \`src/\` that the run measured. The 100-client bar was met in ${hundredMet} of ${runs.length} runs and the 1,000-client
bar in ${thousandMet}. Both figures move with the host, which the instrument-floor section measures without the service. "Response → publish" is the
service's own share of each run's figure (pipeline and store, before any socket is written).

| finished (UTC) | machine | service | 100 clients: p99 of each run | 100 clients pooled p50 / p99 | ≤ ${LATENCY_BARS.hundred} ms | response → publish p50 | 1,000 clients p99 | ≤ ${LATENCY_BARS.thousand} ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`);
}
