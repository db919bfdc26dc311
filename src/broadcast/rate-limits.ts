/**
 * What one client may send: messages of any kind, `subscribe`s (each answered with a snapshot) and
 * `resume`s (each may replay history) per second. Each limit is a bucket holding one second's
 * worth, so a burst up to the limit passes and only a sustained excess is caught.
 */
export const RATE_LIMIT_KINDS = ['messages', 'subscribes', 'resumes'] as const;
export type RateLimitKind = (typeof RATE_LIMIT_KINDS)[number];

export type RateLimitPolicy = Readonly<Record<RateLimitKind, number>>;

class TokenBucket {
  readonly #perSecond: number;
  #tokens: number;
  #at: number;

  constructor(perSecond: number, now: number) {
    this.#perSecond = perSecond;
    this.#tokens = perSecond;
    this.#at = now;
  }

  take(now: number): boolean {
    const refill = (Math.max(0, now - this.#at) * this.#perSecond) / 1000;
    this.#tokens = Math.min(this.#perSecond, this.#tokens + refill);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

export class InboundLimits {
  readonly #buckets: Record<RateLimitKind, TokenBucket>;
  readonly #now: () => number;

  constructor(policy: RateLimitPolicy, now: () => number = () => performance.now()) {
    this.#now = now;
    const at = now();
    this.#buckets = {
      messages: new TokenBucket(policy.messages, at),
      subscribes: new TokenBucket(policy.subscribes, at),
      resumes: new TokenBucket(policy.resumes, at),
    };
  }

  /** Counts one request of `kind`; false when it breaks the limit. */
  take(kind: RateLimitKind): boolean {
    return this.#buckets[kind].take(this.#now());
  }
}

/** The close reason (at most 123 bytes on the wire). */
export function rateLimitReason(kind: RateLimitKind, policy: RateLimitPolicy): string {
  return `rate limited: more than ${policy[kind]} ${kind} per second`;
}
