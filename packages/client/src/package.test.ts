/**
 * The package as npm would publish it: `npm run build` gives JavaScript and declarations only,
 * `npm pack` ships just those and the README, and plain Node (no TypeScript loader) imports it
 * by its name through the workspace and follows the real broadcaster with `ws`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GAME_A, gameSnapshot, halftimeResult, mlPrediction, scoreUpdate } from '../../../src/broadcast/testing/fixtures.ts';
import { startHarness } from '../../../src/broadcast/testing/harness.ts';

const run = promisify(execFile);
const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(PACKAGE, '../..');
const DIST = path.join(PACKAGE, 'dist');

/** A plain ES module: waits for the greeting and seq 2, prints what it saw as one JSON line, closes. */
const PLAIN_JS = `
import WebSocket from 'ws';
import { CourtsideClient, nightTally } from '@courtside/client';
const client = new CourtsideClient({ url: process.argv[1], WebSocket });
const seen = [];
for await (const m of client) {
  seen.push(m.type + '#' + m.seq);
  if (m.type === 'snapshot') console.log('synced');
  if (m.seq === 2 && m.type !== 'snapshot') await client.close();
}
console.log(JSON.stringify({ seen, score: client.game('${GAME_A}').data.home_score, tally: nightTally(client.games.values()), state: client.connection.state }));
`;

describe('@courtside/client as published', () => {
  it('builds to JavaScript and declarations, packs only those, and runs from plain Node with ws', { timeout: 120_000 }, async (t) => {
    rmSync(DIST, { recursive: true, force: true });
    await run('npm', ['run', 'build', '--workspace', '@courtside/client'], { cwd: ROOT });
    const manifest = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { exports: { '.': { types: string; import: string } }; type: string };
    assert.equal(manifest.type, 'module');
    for (const target of Object.values(manifest.exports['.'])) assert.ok(existsSync(path.join(PACKAGE, target)), `${target} is built`);
    const emitted = readdirSync(DIST);
    assert.ok(!emitted.some((f) => /test|check|testing/.test(f)), `no test code in dist: ${emitted.join(', ')}`);
    for (const file of emitted.filter((f) => f.endsWith('.js'))) {
      assert.doesNotMatch(readFileSync(path.join(DIST, file), 'utf8'), /from ['"][^'"]+\.ts['"]/, `${file} imports .js files`);
    }

    const { stdout: packed } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--workspace', '@courtside/client'], { cwd: ROOT });
    const files = (JSON.parse(packed) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((f) => f.path).sort() ?? [];
    assert.deepEqual(files.filter((f) => !f.startsWith('dist/')), ['README.md', 'package.json']);
    assert.ok(files.includes('dist/index.js') && files.includes('dist/index.d.ts'), files.join(', '));
    assert.equal(files.filter((f) => f.startsWith('dist/')).length, emitted.length);

    const h = await startHarness(t, {}, [gameSnapshot(GAME_A)]);
    const plain = await runPlain(PLAIN_JS, h.url, (stdout) => {
      // Published once the child holds its snapshot, so it must get them live.
      if (stdout.startsWith('synced') && h.broadcaster.seq === 0) {
        h.broadcaster.publish(scoreUpdate(GAME_A, 21, 19));
        h.broadcaster.publish(scoreUpdate(GAME_A, 24, 19));
      }
      return false;
    });
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(JSON.parse(plain.stdout.split('\n')[1] ?? ''), {
      seen: ['snapshot#0', 'score_update#1', 'score_update#2'],
      score: 24,
      tally: { forecasts: 0, settled: 0, covered: 0, mae: null },
      state: 'closed',
    });
  });

  it('runs the README\'s example as written', { timeout: 60_000 }, async (t) => {
    const readme = readFileSync(path.join(PACKAGE, 'README.md'), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    assert.ok(example.split('\n').length <= 16, 'a 15-line example');
    assert.ok(existsSync(path.join(DIST, 'index.js')), 'built by the test before');
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A)]);
    const expected = [
      '[connected] ',
      'BOS 19 @ CLE 21, Q1 06:30',
      `${GAME_A} forecast: halftime lead 13.4 (2.5 to 24.3)`,
      'BOS @ CLE: halftime 10, covered (1/1 tonight)',
    ];
    const result = await runPlain(example.replace('ws://localhost:8765/', h.url), h.url, (stdout) => {
      if (stdout.startsWith('[connected]') && h.broadcaster.seq === 0) {
        h.broadcaster.publish(scoreUpdate(GAME_A, 21, 19));
        h.broadcaster.publish(mlPrediction(GAME_A));
        h.broadcaster.publish(halftimeResult(GAME_A, 10));
      }
      return stdout.split('\n').length > expected.length;
    });
    assert.equal(result.stderr, '');
    assert.deepEqual(result.stdout.split('\n').slice(0, expected.length), expected);
  });
});

/**
 * Runs `code` as a plain ES module from the repository root (so `ws` and `@courtside/client`
 * resolve as they would for a user), with `arg` as its argument. `onOutput` sees stdout as it
 * grows; returning true ends the child (for code that runs until stopped).
 */
async function runPlain(code: string, arg: string, onOutput: (stdout: string) => boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = execFile(process.execPath, ['--input-type=module', '-e', code, arg], { cwd: ROOT, timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (onOutput(stdout)) child.kill();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code: exit, stdout, stderr };
}
