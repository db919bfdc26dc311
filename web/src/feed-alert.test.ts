import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeedCondition } from '../../packages/client/src/index.ts';
import { causeText, clockTime, feedAlert } from './feed-alert.ts';

const URL = 'https://cdn.nba.com/static/json/liveData/scoreboard/todaysScoreboard_00.json';
const failing = (code: string, message: string): FeedCondition => ({
  state: 'failing', since: '2017-10-18T01:15:03.220Z', last_success_at: '2017-10-18T01:14:52.907Z',
  last_error: { at: '2017-10-18T01:15:03.220Z', endpoint: 'scoreboard', code, message },
});

test('a failing feed reads as unreachable since when, and why, in the page\'s zone', () => {
  assert.equal(
    feedAlert(failing('forbidden', `403 Forbidden from ${URL}: HTML page "Access Denied"`), 'America/New_York'),
    'NBA feed unreachable since 21:15 (access denied, HTTP 403)',
  );
  assert.equal(feedAlert(failing('network', `connect ECONNREFUSED 23.1.2.3:443 from ${URL}`), 'UTC'), 'NBA feed unreachable since 01:15 (no connection)');
});

test('each cause in words, with its HTTP status when there was one', () => {
  const cause = (code: string, message: string) => causeText({ at: '', endpoint: 'scoreboard', code, message });
  assert.equal(cause('server_error', `503 Service Unavailable from ${URL}: HTML page`), 'server error, HTTP 503');
  assert.equal(cause('timeout', `no response within 5000 ms from ${URL}`), 'timed out');
  assert.equal(cause('circuit_open', `circuit breaker open after 5 failed calls, last: timeout; request not sent from ${URL}`), 'timed out, retries paused');
  assert.equal(cause('circuit_open', `circuit breaker open; request not sent from ${URL}`), 'retries paused');
  assert.equal(cause('teapot_error', 'from a newer server'), 'teapot error', 'a code this page does not know, as words');
});

test('a silent feed says so; an ok or unknown feed says nothing', () => {
  const stale: FeedCondition = { state: 'stale', since: '2017-10-18T01:14:52.907Z', last_success_at: '2017-10-18T01:14:52.907Z', last_error: null };
  assert.equal(feedAlert(stale, 'UTC'), 'NBA feed silent since 01:14 (no answer for over a minute)');
  assert.equal(feedAlert({ ...stale, state: 'ok' }), null);
  assert.equal(feedAlert(null), null);
  assert.equal(clockTime('2017-10-18T00:05:00Z', 'UTC'), '00:05');
});
