/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so one's heap and JIT never
 * colour another's), each writing a markdown section to bench/results/<name>.md, then assembles
 * docs/benchmarks.md with the machine and the date. `npm run bench -- tracker` runs only that one.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, resolveDataDir } from '../src/data/location.ts';
import { SERVICE_NODE_FLAGS } from '../src/node-flags.ts';

const benchDir = path.join(PROJECT_ROOT, 'bench');
const resultsDir = path.join(benchDir, 'results');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
/** `--assemble`: rebuild docs/benchmarks.md from the results already measured, running nothing. */
const assembleOnly = process.argv.includes('--assemble');
const dataDir = resolveDataDir();
if (!dataDir) {
  console.error('benchmarks need the NBA dataset: set NBA_DATA_DIR or put it at ../shared/nba');
  process.exit(2);
}

const benches = readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).sort();
for (const file of assembleOnly ? [] : benches) {
  const name = file.replace('.bench.ts', '');
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  // Under the service's own V8 flags: several benches run the service in their process.
  execFileSync(process.execPath, [...SERVICE_NODE_FLAGS, '--import', 'tsx', '--expose-gc', path.join(benchDir, file), '--data', dataDir], { stdio: 'inherit', cwd: PROJECT_ROOT });
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const sections = readdirSync(resultsDir).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(path.join(resultsDir, f), 'utf8').trim());
const doc = [
  '# Benchmarks',
  '',
  '<!-- Assembled by `npm run bench` from bench/results/*.md; each section says when and where it was measured. -->',
  '',
  `Last assembled ${new Date().toISOString().slice(0, 10)} on ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
  '',
  ...sections.flatMap((s) => [s, '']),
].join('\n');
writeFileSync(path.join(PROJECT_ROOT, 'docs/benchmarks.md'), doc);
console.log('\nwrote docs/benchmarks.md');
