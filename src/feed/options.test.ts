import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NbaFeedClient } from './client.ts';
import { DEFAULT_BASE_URL } from './endpoints.ts';

test('defaults to the NBA CDN, trailing slashes trimmed from a given base URL', () => {
  assert.equal(new NbaFeedClient().baseUrl, DEFAULT_BASE_URL);
  assert.equal(new NbaFeedClient({ baseUrl: 'http://127.0.0.1:8080/static/json/liveData//' }).baseUrl, 'http://127.0.0.1:8080/static/json/liveData');
});

test('bad options are refused with exact messages', () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ baseUrl: 'cdn.nba.com' }, 'baseUrl must be an http(s) URL, got "cdn.nba.com"'],
    [{ baseUrl: 'ftp://cdn.nba.com' }, 'baseUrl must be an http(s) URL, got "ftp://cdn.nba.com"'],
    [{ timeoutMs: 0 }, 'timeoutMs must be an integer >= 1, got 0'],
    [{ timeoutMs: 2.5 }, 'timeoutMs must be an integer >= 1, got 2.5'],
    [{ retries: -1 }, 'retries must be an integer >= 0, got -1'],
    [{ retries: '2' }, 'retries must be an integer >= 0, got "2"'],
    [{ retryInitialDelayMs: 0 }, 'retryInitialDelayMs must be an integer >= 1, got 0'],
    [{ retryInitialDelayMs: 500, retryMaxDelayMs: 100 }, 'retryMaxDelayMs must be at least retryInitialDelayMs (500), got 100'],
    [{ maxRetryAfterMs: -5 }, 'maxRetryAfterMs must be an integer >= 0, got -5'],
    [{ breakerThreshold: 0 }, 'breakerThreshold must be an integer >= 1, got 0'],
    [{ breakerHalfOpenAfterMs: Number.NaN }, 'breakerHalfOpenAfterMs must be an integer >= 1, got null'],
    [{ userAgent: ' ' }, 'userAgent must be a non-empty string, got " "'],
    [{ observer: {} }, 'observer must have an onResponse(event) method'],
    [{ now: 5 }, 'now must be a function returning epoch milliseconds'],
    [{ maxBodyBytes: 5 }, 'maxBodyBytes must be an object of byte counts by endpoint, got 5'],
    [{ maxBodyBytes: { playbyplay: 0 } }, 'maxBodyBytes.playbyplay must be an integer >= 1, got 0'],
    [{ maxBodyBytes: { scoreboard: '2MB' } }, 'maxBodyBytes.scoreboard must be an integer >= 1, got "2MB"'],
    [{ maxBodyBytes: { play_by_play: 100 } }, 'maxBodyBytes.play_by_play: no such endpoint (scoreboard, playbyplay, boxscore, schedule)'],
    [{ tap: {} }, 'tap must be a function(response)'],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => new NbaFeedClient(options as never), { name: 'TypeError', code: 'invalid_option', message: `NbaFeedClient: ${message}` }, message);
  }
});
