/**
 * `npm start` as a user runs it: the build step (`prestart`), then the compiled service, which
 * loads neither tsx nor vite (nor any TypeScript source) and serves the dashboard built ahead.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../src/data/location.ts';
import { requireDataDir } from './support/data.ts';

test('npm start builds, then runs compiled JavaScript with no tsx or vite in the process', { timeout: 400_000 }, async (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv', 'pbp_2017-18.csv');
  if (!dataDir) return;
  const scratch = mkdtempSync(path.join(tmpdir(), 'courtside-start-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  const moduleLog = path.join(scratch, 'modules.log');
  // Its own process group, so the test can stop npm, its shell and the service at once.
  const npm = spawn('npm', ['start', '--', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn'], {
    cwd: PROJECT_ROOT,
    detached: true,
    env: { ...process.env, NBA_DATA_DIR: dataDir, COURTSIDE_MODULE_LOG: moduleLog, NODE_OPTIONS: `--import ${path.join(PROJECT_ROOT, 'test/support/module-log.mjs')}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    if (npm.exitCode === null) process.kill(-(npm.pid as number), 'SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  npm.stderr.on('data', (chunk) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    npm.stdout.on('data', (chunk) => {
      stdout += chunk;
      const m = /Courtside: stream ws:\/\/localhost:(\d+)/.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
    npm.once('exit', (code) => reject(new Error(`npm start exited ${code} before streaming:\n${stdout}\n${stderr}`)));
  });

  const page = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<script type="module"[^>]* src="\/assets\/index-[\w-]+\.js"/);
  const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { source: string };
  assert.equal(health.source, 'replay');

  process.kill(-(npm.pid as number), 'SIGTERM');
  await new Promise((resolve) => npm.once('exit', resolve));

  const service = readFileSync(moduleLog, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t') as [string, string])
    .filter(([main]) => main === path.join(PROJECT_ROOT, 'dist/src/cli.js'))
    .map(([, what]) => what);
  assert.ok(service.includes('execArgv ["--min-semi-space-size=32","--max-semi-space-size=32"]'), service[0]);
  const loaded = service.filter((what) => what.startsWith('file://'));
  assert.ok(loaded.some((url) => url.endsWith('/dist/src/main.js')), 'the compiled service ran');
  assert.ok(loaded.some((url) => url.includes('/node_modules/ws/')), 'its dependencies were loaded');
  assert.deepEqual(loaded.filter((url) => /\/node_modules\/(tsx|vite|esbuild|rolldown)\/|\.tsx?$/.test(url)), [], 'no TypeScript loader, no bundler, no source');
});
