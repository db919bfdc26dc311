/**
 * Issue 5, acceptance 5: `courtside serve --db FILE` with a file it cannot use stops at start-up
 * with a message an operator can act on: the file named, what is wrong with it, no stack trace,
 * a non-zero status. Run as its own process, as an operator runs it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { PROJECT_ROOT } from '../../src/data/location.ts';
import { openStore } from '../../src/store/sqlite-store.ts';
import { CliProcess } from '../support/cli-process.ts';
import { requireDataDir } from '../support/data.ts';
import { BASELINE_MODEL } from '../../src/config/model.ts';

const T = { timeout: 60_000 };

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-bad-db-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * `courtside serve` against a feed nobody answers: start-up never gets as far as polling when the
 * database is unusable. `--model baseline` so start-up does not depend on
 * whether a trained model happens to exist.
 */
function serve(t: TestContext, dataDir: string, _dir: string, db: string): CliProcess {
  const child = new CliProcess(
    ['serve', '--source', 'nba', '--feed-url', 'http://127.0.0.1:9/static/json/liveData', '--db', db,
      '--port', '0', '--host', '127.0.0.1', '--no-dashboard', '--log-level', 'warn', '--model', BASELINE_MODEL],
    { NBA_DATA_DIR: dataDir },
  );
  t.after(() => child.kill());
  return child;
}

/** Exits non-zero, without listening, with a short message naming the file and no stack trace. */
async function assertRefused(child: CliProcess, file: string, problem: RegExp): Promise<void> {
  const exit = await child.exited;
  assert.equal(exit.code, 1, `exit status\nstderr: ${child.stderr}`);
  assert.doesNotMatch(child.stdout, /stream ws:/, 'it never started streaming');
  const stderr = child.stderr.trim();
  assert.ok(stderr.includes(file), `names ${file}: ${stderr}`);
  assert.match(stderr, problem);
  assert.doesNotMatch(stderr, /^\s+at /m, `no stack trace: ${stderr}`);
  assert.ok(!stderr.includes('StoreError:'), `no raw error dump: ${stderr}`);
  const lastLine = stderr.split('\n').at(-1) ?? '';
  assert.match(lastLine, /^courtside serve: /, `the message is the last line: ${stderr}`);
}

/** Another process holding `file` under an exclusive lock until released. */
async function holdExclusiveLock(t: TestContext, file: string): Promise<() => Promise<void>> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    db.exec('CREATE TABLE held_by_another_process (x)');
    process.stdout.write('held\\n');
    setInterval(() => {}, 60000);`;
  const holder = spawn(process.execPath, ['-e', script, file], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(holder, 'exit');
  const release = async (): Promise<void> => {
    if (holder.exitCode === null && holder.signalCode === null) holder.kill('SIGKILL');
    await exited;
  };
  t.after(release);
  const [chunk] = (await once(holder.stdout, 'data')) as [Buffer];
  assert.equal(chunk.toString(), 'held\n');
  return release;
}

describe('courtside serve with a database file it cannot use', () => {
  it('a file of random bytes: exits 1 naming the file as not a SQLite database', T, async (t) => {
    const dataDir = requireDataDir(t, 'minute_diffs.csv');
    if (!dataDir) return;
    const dir = tempDir(t);
    const file = path.join(dir, 'random.db');
    writeFileSync(file, randomBytes(32 * 1024));
    const before = statSync(file);
    await assertRefused(serve(t, dataDir, dir, file), file, /not a SQLite database/);
    assert.equal(statSync(file).mtimeMs, before.mtimeMs, 'the file is left as it was');
  });

  it('a database damaged past its header: exits 1 naming the file as damaged', T, async (t) => {
    const dataDir = requireDataDir(t, 'minute_diffs.csv');
    if (!dataDir) return;
    const dir = tempDir(t);
    const file = path.join(dir, 'damaged.db');
    const store = openStore(file);
    store.transaction(() => {
      for (let i = 0; i < 500; i++) store.appendMessage(i + 1, 'before-the-damage', JSON.stringify({ type: 'score_update', seq: i + 1, pad: 'x'.repeat(200) }));
    });
    store.close();
    const page = 4096;
    assert.ok(statSync(file).size > 10 * page, 'enough pages to damage some in the middle');
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(4 * page), 0, 4 * page, 3 * page);
    closeSync(fd);
    await assertRefused(serve(t, dataDir, dir, file), file, /damaged/);
  });

  it('a database another process holds exclusively: exits 1 naming the file as locked, and starts once it is released', T, async (t) => {
    const dataDir = requireDataDir(t, 'minute_diffs.csv');
    if (!dataDir) return;
    const dir = tempDir(t);
    const file = path.join(dir, 'held.db');
    const release = await holdExclusiveLock(t, file);
    await assertRefused(serve(t, dataDir, dir, file), file, /locked by another process/);

    await release();
    const child = serve(t, dataDir, dir, file);
    await child.waitFor(/stream ws:\/\/localhost:\d+/);
    const exit = await child.kill('SIGTERM');
    assert.equal(exit.code, 0, child.stderr);
  });
});
