/**
 * Issue 16, finding 6: `courtside replay --list | head -1` died with an EPIPE stack trace once
 * `head` had gone. Here the reader is gone before the first line (so the failure does not depend
 * on how fast `head` exits): the command must end quietly, status 0, nothing on stderr.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../../src/data/location.ts';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags.ts';
import { requireDataDir } from '../support/data.ts';

describe('courtside replay --list with its stdout closed', () => {
  it('exits 0 without a word', async (t) => {
    const dir = requireDataDir(t, 'minute_diffs.csv', 'pbp_2017-18.csv');
    if (!dir) return;
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, '--import', 'tsx', 'src/cli.ts', 'replay', '--list', '--data', dir], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Like `head` gone: the pipe's only reader closes, so the child's writes fail with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
    assert.equal(stderr, '');
    assert.deepEqual([code, signal], [0, null]);
  });
});
