export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 15_000 };

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential with full jitter, so a
 * restarted server is not hit by every open page in the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  // A floor keeps a tight loop from spinning when random() is ~0.
  return Math.max(100, Math.round(random() * ceiling));
}
