import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IRetryBackoffContext } from 'cockatiel';
import { feedBackoff, parseRetryAfter } from './backoff.ts';
import { FeedError } from './errors.ts';

const context = (error: Error): IRetryBackoffContext<unknown> => ({ attempt: 1, signal: new AbortController().signal, result: { error } });
const serverError = new FeedError('server_error', { url: 'http://x/a.json', status: 500, detail: 'boom' });
const rateLimited = (ms: number) => new FeedError('rate_limited', { url: 'http://x/a.json', status: 429, detail: 'slow down', retryAfterMs: ms });

test('without Retry-After the delays are full-jitter draws below a doubling window, capped', () => {
  const factory = feedBackoff({ initialDelayMs: 100, maxDelayMs: 400, maxRetryAfterMs: 1000 });
  for (let run = 0; run < 50; run++) {
    let backoff = factory.next(context(serverError));
    const windows = [100, 200, 400, 400, 400];
    for (const window of windows) {
      assert.ok(backoff.duration >= 0 && backoff.duration < window, `${backoff.duration} outside [0, ${window})`);
      backoff = backoff.next(context(serverError));
    }
  }
});

test('Retry-After wins over the backoff, up to the cap', () => {
  const factory = feedBackoff({ initialDelayMs: 100, maxDelayMs: 400, maxRetryAfterMs: 1000 });
  const first = factory.next(context(rateLimited(700)));
  assert.equal(first.duration, 700);
  assert.equal(first.next(context(rateLimited(60_000))).duration, 1000);
  assert.ok(first.next(context(serverError)).duration < 200);
});

test('Retry-After parses seconds and HTTP dates, ignores nonsense', () => {
  const now = Date.parse('2023-04-20T23:40:00Z');
  assert.equal(parseRetryAfter('3', now), 3000);
  assert.equal(parseRetryAfter('Thu, 20 Apr 2023 23:40:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('Thu, 20 Apr 2023 23:39:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
});
