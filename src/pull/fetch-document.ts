/**
 * One CDN document for the pull, on top of the feed client's own retries: a body that arrived cut
 * short or malformed is asked for again (the client hands those back at once, as a live poll
 * simply polls again), and while the client's breaker is open the pull waits for it to let a
 * request through instead of giving up on every game queued behind.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { NbaFeedClient, VerbatimDocument } from '../feed/client.ts';
import type { EndpointDocument } from '../feed/endpoints.ts';
import { FeedError } from '../feed/errors.ts';

/** Extra attempts at a document whose body was not valid JSON or not the expected shape. */
export const BODY_RETRIES = 2;

export interface BreakerWait {
  /** How long the client's breaker stays open. */
  readonly halfOpenAfterMs: number;
  /**
   * Called before each wait with the failure that opened the breaker; throws to stop waiting
   * (the pull gives up when the CDN keeps failing).
   */
  onOpen(error: FeedError): void;
  /** Called on every document that arrived: the CDN answers again. */
  onAnswer(): void;
}

export async function fetchDocument<E extends 'playbyplay' | 'boxscore'>(client: NbaFeedClient, endpoint: E, gameId: string, breaker: BreakerWait, signal: AbortSignal): Promise<VerbatimDocument<EndpointDocument<E>>> {
  let badBodies = 0;
  for (;;) {
    try {
      const got = await client.verbatim(endpoint, gameId, { signal });
      breaker.onAnswer();
      return got;
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      if (error.code === 'circuit_open') {
        breaker.onOpen(error);
        await sleep(breaker.halfOpenAfterMs, undefined, { signal });
        continue;
      }
      if ((error.code === 'invalid_json' || error.code === 'schema_mismatch') && badBodies < BODY_RETRIES) {
        badBodies += 1;
        continue;
      }
      throw error;
    }
  }
}
