import { StoreError } from '../service/store-port.ts';

export interface StoreOptions {
  /** How long a write waits for another connection's lock before failing `locked`. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Messages kept for resume; older ones are pruned. Default 10,000. */
  readonly messageLogLimit?: number;
  /**
   * `normal` (default) survives a killed process, which is what restarts need; `full` also
   * survives power loss, at the cost of an fsync per commit.
   */
  readonly synchronous?: 'normal' | 'full';
  /** Run `PRAGMA quick_check` at open so a damaged file fails at start-up, not mid-game. Default true. */
  readonly integrityCheck?: boolean;
  /**
   * `background` (default): WAL checkpoints run in a worker thread every `checkpointIntervalMs`,
   * never inside a commit on the event loop; `inline`: SQLite's automatic checkpoints.
   */
  readonly checkpoint?: 'background' | 'inline';
  /** Default 1000. */
  readonly checkpointIntervalMs?: number;
}

export type ResolvedStoreOptions = Required<StoreOptions>;

export function resolveStoreOptions(file: string, options: StoreOptions = {}): ResolvedStoreOptions {
  const resolved = {
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    messageLogLimit: options.messageLogLimit ?? 10_000,
    synchronous: options.synchronous ?? 'normal',
    integrityCheck: options.integrityCheck ?? true,
    checkpoint: options.checkpoint ?? 'background',
    checkpointIntervalMs: options.checkpointIntervalMs ?? 1000,
  };
  const bad = (message: string): never => {
    throw new StoreError('invalid_option', file, message);
  };
  if (!Number.isSafeInteger(resolved.busyTimeoutMs) || resolved.busyTimeoutMs < 0) {
    bad(`busyTimeoutMs must be a non-negative integer, got ${String(options.busyTimeoutMs)}`);
  }
  if (!Number.isSafeInteger(resolved.messageLogLimit) || resolved.messageLogLimit < 1) {
    bad(`messageLogLimit must be a positive integer, got ${String(options.messageLogLimit)}`);
  }
  if (resolved.synchronous !== 'normal' && resolved.synchronous !== 'full') {
    bad(`synchronous must be "normal" or "full", got ${JSON.stringify(options.synchronous)}`);
  }
  if (typeof resolved.integrityCheck !== 'boolean') {
    bad(`integrityCheck must be a boolean, got ${JSON.stringify(options.integrityCheck)}`);
  }
  if (resolved.checkpoint !== 'background' && resolved.checkpoint !== 'inline') {
    bad(`checkpoint must be "background" or "inline", got ${JSON.stringify(options.checkpoint)}`);
  }
  if (!Number.isSafeInteger(resolved.checkpointIntervalMs) || resolved.checkpointIntervalMs < 1) {
    bad(`checkpointIntervalMs must be a positive integer, got ${String(options.checkpointIntervalMs)}`);
  }
  return resolved;
}
