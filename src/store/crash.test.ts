import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../data/location.ts';
import { openStore } from './sqlite-store.ts';
import { CRASH_EPOCH, CRASH_GAME, forecast, tempDir } from './testing/records.ts';

const WRITER = fileURLToPath(new URL('./testing/crash-writer.ts', import.meta.url));

function writeThenKill(file: string, mode: 'after-commit' | 'mid-transaction'): void {
  const child = spawnSync(process.execPath, ['--import', 'tsx', WRITER, file, mode], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.equal(child.signal, 'SIGKILL', `the writer should die by SIGKILL; stderr: ${child.stderr}`);
  // The writes live only in the WAL: nothing checkpointed them into the main file.
  assert.ok(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0, 'a non-empty WAL is left behind');
}

test('committed writes survive a SIGKILL and a restart does not forecast again', (t) => {
  const file = path.join(tempDir(t), 'crash.db');
  writeThenKill(file, 'after-commit');

  const store = openStore(file);
  t.after(() => store.close());
  const restored = store.loadGame(CRASH_GAME);
  assert.deepEqual(restored?.pattern, forecast(CRASH_GAME).pattern);
  assert.equal(restored?.forecasts.length, 1);
  assert.equal(restored?.forecasts[0]?.seq, 1);
  assert.equal(store.recordForecast(forecast(CRASH_GAME)).inserted, false);
  assert.deepEqual(store.messageLogHead(), { epoch: CRASH_EPOCH, seq: 1 });
  assert.deepEqual(store.messagesSince(CRASH_EPOCH, 0, 10), [{ seq: 1, json: '{"type":"ml_prediction"}' }]);
});

test('a transaction cut by SIGKILL leaves none of its writes, and everything committed before it', (t) => {
  const file = path.join(tempDir(t), 'crash.db');
  writeThenKill(file, 'mid-transaction');

  const store = openStore(file);
  t.after(() => store.close());
  const restored = store.loadGame(CRASH_GAME);
  assert.equal(restored?.pattern.length, 18, 'minutes 19-24 of the cut transaction are absent');
  assert.equal(restored?.halftime, null);
  assert.deepEqual(store.messageLogHead(), { epoch: CRASH_EPOCH, seq: 1 });
  store.appendMessage(2, CRASH_EPOCH, '{"type":"halftime_result"}');
  assert.deepEqual(
    store.messagesSince(CRASH_EPOCH, 0, 10)?.map((m) => m.seq),
    [1, 2],
  );
});
