/**
 * How long to wait before reconnect attempt `attempt` (1-based): exponential from `baseMs`, capped
 * at `capMs`, with full jitter (anywhere from `minMs` up to that ceiling), so a restarted server
 * is not hit by every client in the same instant.
 */
export interface Backoff {
  /** The ceiling of the first retry's delay (default 500 ms). */
  readonly baseMs: number;
  /** No ceiling grows beyond this (default 15 s). */
  readonly capMs: number;
  /** Never retry sooner than this, even when the jitter draws ~0 (default 100 ms). */
  readonly minMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, capMs: 15_000, minMs: 100 };

export function backoffDelay(attempt: number, backoff: Backoff, random: () => number): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(backoff.minMs, Math.round(random() * ceiling));
}
