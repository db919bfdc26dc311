/**
 * Start-up: from spawning the process to the service's "streaming on" log line, for the way
 * `npm start` ran before the compiled build (tsx compiling src/ on load) and the way it runs now
 * (dist/, built ahead), with an empty Node process as the floor. One run each, in this order, in
 * the same session; the dashboard is built before, so neither run builds it.
 */
import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import { PROJECT_ROOT } from '../src/data/location.ts';
import { SERVICE_NODE_FLAGS } from '../src/node-flags.ts';
import { dataArg, ms, writeSection } from './stats.ts';

const dataDir = dataArg();
const SERVE = ['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'info'];
const loadAtStart = os.loadavg();

console.log('building (untimed): npm run build');
execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });

/** Milliseconds from spawn until `ready` matches the output (then the process group is stopped), or until exit. */
function timed(command: string, args: readonly string[], ready?: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, [...args], { cwd: PROJECT_ROOT, detached: true, env: { ...process.env, NBA_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let elapsed: number | undefined;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (elapsed !== undefined || !ready?.test(output)) return;
      elapsed = performance.now() - started;
      process.kill(-(child.pid as number), 'SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (elapsed !== undefined) resolve(elapsed);
      else if (ready) reject(new Error(`${command} ${args.join(' ')} exited ${code} before ${ready}:\n${output}`));
      else resolve(performance.now() - started);
    });
  });
}

const STREAMING = /streaming on ws:\/\//;
const rows: Array<[string, string, number]> = [];
rows.push(['floor: an empty Node process', "`node -e ''`, to its exit", await timed(process.execPath, ['-e', ''])]);
rows.push(['before: tsx compiling src/ on load', '`node <flags> --import tsx src/cli.ts serve`', await timed(process.execPath, [...SERVICE_NODE_FLAGS, '--import', 'tsx', 'src/cli.ts', ...SERVE], STREAMING)]);
rows.push(['**after: the compiled build**', '`node <flags> dist/src/cli.js serve` (what `npm start` runs)', await timed(process.execPath, [...SERVICE_NODE_FLAGS, 'dist/src/cli.js', ...SERVE], STREAMING)]);
rows.push(['`npm start`, build up to date', '`npm start`: npm, the `prestart` build (incremental tsc, dashboard there), the service', await timed('npm', ['start', '--', ...SERVE.slice(1)], STREAMING)]);
const floor = rows[0]?.[2] as number;
for (const [name, , t] of rows) console.log(`${name}: ${ms(t)} (${(t / floor).toFixed(1)}× the floor)`);

writeSection('startup', 'Start-up: process spawned → "streaming on"', `
From spawning the process to the service's \`streaming on ws://…\` log line, replaying the default night with the
dashboard served (built beforehand, untimed), under the service's V8 flags; one run each, in this order, in one session,
with an empty Node process as the floor. Load average when the bench started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores.

| process | command | to "streaming on" | ratio to floor |
| --- | --- | --- | --- |
${rows.map(([name, command, t]) => `| ${name} | ${command} | ${ms(t)} | ${(t / floor).toFixed(1)} |`).join('\n')}
`);
