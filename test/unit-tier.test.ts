/**
 * `npm run test:unit` is what a contributor runs between edits, and nothing else runs it: a test
 * that starts a server but is filed in the fast tier fails there while `npm test` stays green.
 * This runs the tier as the README says and holds it to no failure and no cancellation.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { it } from 'node:test';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/data/location.ts';

const run = promisify(execFile);

it('npm run test:unit passes: every test it picks runs without a server, a socket or a child process', { timeout: 120_000 }, async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join('test', 'support', 'unit-tier.mjs')], {
    cwd: PROJECT_ROOT,
    // Without this the runner inside would report to this one in its private format, not as TAP.
    env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string; code?: number }) => {
    const failed = String(error.stdout ?? '').split('\n').filter((l) => /^\s*not ok|error:/.test(l)).slice(0, 12);
    assert.fail(`the unit tier exited ${error.code}:\n${failed.join('\n')}`);
  });
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(stdout)?.[1]);
  assert.ok(count('pass') > 300, `${count('pass')} unit tests passed`);
  assert.equal(count('fail'), 0);
  assert.equal(count('cancelled'), 0);
});
