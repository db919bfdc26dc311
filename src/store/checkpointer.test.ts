import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from './sqlite-store.ts';

const T = { timeout: 20_000 };

function tempFile(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-checkpoint-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'courtside.db');
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const message = (seq: number): string => JSON.stringify({ type: 'score_update', seq, game_id: '0021700001', pad: 'x'.repeat(500) });

describe('background checkpoints', () => {
  it('leaves the service connection without automatic checkpoints and copies the WAL from a worker', T, async (t) => {
    const file = tempFile(t);
    const store = openStore(file, { checkpointIntervalMs: 20 });
    t.after(() => store.close());
    for (let seq = 1; seq <= 2000; seq++) store.appendMessage(seq, 'e1', message(seq));
    await until(() => (store.checkpointStats()?.copiedFrames ?? 0) > 0, 'a checkpoint');
    const stats = store.checkpointStats();
    assert.equal(stats?.running, true);
    assert.equal(stats?.lastError, undefined);
    assert.ok((stats?.checkpoints ?? 0) >= 1);
    // What the worker copied is in the main file: a reader that ignores the WAL would see it.
    assert.ok(statSync(file).size > 2000 * 500, `${statSync(file).size} bytes in the main file`);
    assert.equal(store.messagesSince('e1', 0, 2000)?.length, 2000);
  });

  it('checkpoints fully at close, leaving one self-contained file', T, async (t) => {
    const file = tempFile(t);
    const store = openStore(file, { checkpointIntervalMs: 60_000 });
    for (let seq = 1; seq <= 200; seq++) store.appendMessage(seq, 'e1', message(seq));
    store.close();
    assert.equal(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0, 0);
    const reopened = new Database(file, { readonly: true });
    t.after(() => reopened.close());
    assert.equal((reopened.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n, 200);
  });

  it('is off for `inline` and for in-memory databases', T, (t) => {
    const inline = openStore(tempFile(t), { checkpoint: 'inline' });
    const memory = openStore(':memory:');
    t.after(() => {
      inline.close();
      memory.close();
    });
    assert.equal(inline.checkpointStats(), undefined);
    assert.equal(memory.checkpointStats(), undefined);
  });

  it('rejects bad checkpoint options by name', () => {
    assert.throws(() => openStore(':memory:', { checkpoint: 'sometimes' as never }), /checkpoint must be "background" or "inline", got "sometimes"/);
    assert.throws(() => openStore(':memory:', { checkpointIntervalMs: 0 }), /checkpointIntervalMs must be a positive integer, got 0/);
  });
});
