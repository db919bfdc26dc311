/**
 * Keeps WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever
 * commit crosses 1,000 WAL pages, and its fsyncs stalled that commit, and with it every feed
 * response and message waiting behind it, for 10 ms and more. With the service's connection set
 * to `wal_autocheckpoint = 0`, a worker thread with its own connection checkpoints on a timer
 * instead. Should the worker ever stop, the service's connection checkpoints for itself again.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** What checkpoint-worker.mjs is started with. */
interface CheckpointWorkerData {
  readonly file: string;
  readonly intervalMs: number;
  readonly busyTimeoutMs: number;
}

/** Worker → main thread. */
type CheckpointReport =
  | { readonly type: 'checkpoint'; readonly walFrames: number; readonly copiedFrames: number }
  | { readonly type: 'error'; readonly message: string };

/** SQLite's default `wal_autocheckpoint`, restored if the worker is lost. */
const AUTOCHECKPOINT_PAGES = 1000;

export interface CheckpointStats {
  /** Checkpoints that found frames in the WAL. */
  readonly checkpoints: number;
  /** At the last of them: frames in the WAL, and how many of those are now in the main file. */
  readonly walFrames: number;
  readonly copiedFrames: number;
  readonly lastError: string | undefined;
  /** False once the worker has stopped (the writer checkpoints inline again). */
  readonly running: boolean;
}

export class Checkpointer {
  readonly #worker: Worker;
  readonly #writer: Database.Database;
  #stats = { checkpoints: 0, walFrames: 0, copiedFrames: 0, lastError: undefined as string | undefined, running: true };
  #stopping = false;

  /** `writer` is the service's connection to `file`; its automatic checkpoints stop here. */
  constructor(writer: Database.Database, file: string, options: { intervalMs: number; busyTimeoutMs: number }) {
    this.#writer = writer;
    const workerData: CheckpointWorkerData = { file, intervalMs: options.intervalMs, busyTimeoutMs: options.busyTimeoutMs };
    this.#worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData });
    // A checkpointer alone must never keep the process alive.
    this.#worker.unref();
    this.#worker.on('message', (report: CheckpointReport) => this.#receive(report));
    this.#worker.on('error', (error) => {
      this.#stats.lastError = error.message;
    });
    this.#worker.on('exit', () => this.#lost());
    writer.pragma('wal_autocheckpoint = 0');
  }

  stats(): CheckpointStats {
    return { ...this.#stats };
  }

  /** Stops the worker; the caller's own checkpoint (at close) follows. */
  stop(): void {
    this.#stopping = true;
    this.#worker.postMessage('stop');
  }

  #receive(report: CheckpointReport): void {
    if (report.type === 'error') {
      this.#stats.lastError = report.message;
      return;
    }
    this.#stats.checkpoints += 1;
    this.#stats.walFrames = report.walFrames;
    this.#stats.copiedFrames = report.copiedFrames;
  }

  #lost(): void {
    this.#stats.running = false;
    if (this.#stopping || !this.#writer.open) return;
    try {
      this.#writer.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    } catch {
      // The writer is closing or broken; its own calls will say so.
    }
  }
}
