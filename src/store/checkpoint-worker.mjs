// @ts-check
/**
 * The background checkpointer's thread (see checkpointer.ts): its own connection to the database,
 * folding the WAL back into the main file every `intervalMs`. PASSIVE never waits for the
 * service's writer and never makes it wait; what one checkpoint cannot copy, the next one does.
 *
 * Plain JavaScript so that the thread starts without a TypeScript loader, however the process was
 * launched (workers do not always inherit the main thread's `--import tsx`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const port = parentPort;
if (!port) throw new Error('checkpoint-worker.mjs runs as a worker thread');
/** @type {{ file: string, intervalMs: number, busyTimeoutMs: number }} */
const { file, intervalMs, busyTimeoutMs } = workerData;
const db = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });

const timer = setInterval(() => {
  try {
    const [row] = /** @type {{ busy: number, log: number, checkpointed: number }[]} */ (db.pragma('wal_checkpoint(PASSIVE)'));
    if (row && row.log > 0) port.postMessage({ type: 'checkpoint', walFrames: row.log, copiedFrames: row.checkpointed });
  } catch (error) {
    port.postMessage({ type: 'error', message: /** @type {Error} */ (error).message });
  }
}, intervalMs);

port.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  port.close();
});
