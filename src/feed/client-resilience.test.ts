import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { NbaFeedClient } from './client.ts';
import type { FeedResponseEvent, NbaFeedClientOptions } from './options.ts';
import { scoreboardFixture, sendJson, startTestCdn } from './test-cdn.ts';
import type { Handler } from './test-cdn.ts';

const closers: Array<() => Promise<void>> = [];
after(() => Promise.all(closers.map((close) => close())));

async function setup(handler: Handler, options: NbaFeedClientOptions = {}) {
  const server = await startTestCdn(handler);
  closers.push(server.close);
  const events: FeedResponseEvent[] = [];
  const client = new NbaFeedClient({
    baseUrl: server.baseUrl,
    retryInitialDelayMs: 1,
    retryMaxDelayMs: 2,
    observer: { onResponse: (e) => events.push(e) },
    ...options,
  });
  return { client, server, events };
}

function fail(res: Parameters<Handler>[1], status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', ...headers });
  res.end(`upstream said ${status}`);
}

test('a 500 is retried and the call succeeds when the server recovers', async () => {
  const { client, server, events } = await setup((_req, res, i) => (i < 2 ? fail(res, 500) : sendJson(res, scoreboardFixture())));
  const result = await client.scoreboard();
  assert.equal(result.kind, 'fresh');
  assert.equal(server.requests.length, 3);
  assert.deepEqual(events.map((e) => [e.outcome, e.status, e.attempts]), [['fresh', 200, 3]]);
});

test('a persistent 503 is `server_error` after all retries', async () => {
  const { client, server, events } = await setup((_req, res) => fail(res, 503), { retries: 3 });
  const url = `${server.baseUrl}/scoreboard/todaysScoreboard_00.json`;
  await assert.rejects(client.scoreboard(), {
    code: 'server_error',
    status: 503,
    message: `503 Service Unavailable from ${url}: body "upstream said 503"`,
  });
  assert.equal(server.requests.length, 4);
  assert.deepEqual(events.map((e) => [e.outcome, e.attempts, e.error?.code]), [['error', 4, 'server_error']]);
});

test('a 429 with Retry-After is retried; the wait is named in the error', async () => {
  const { client, server } = await setup((_req, res, i) => (i === 0 ? fail(res, 429, { 'Retry-After': '0' }) : sendJson(res, scoreboardFixture())));
  assert.equal((await client.scoreboard()).kind, 'fresh');
  assert.equal(server.requests.length, 2);

  const always = await setup((_req, res) => fail(res, 429, { 'Retry-After': '0' }), { retries: 0 });
  await assert.rejects(always.client.scoreboard(), { code: 'rate_limited', retryAfterMs: 0, detail: 'body "upstream said 429"; asked to retry after 0 ms' });
});

test('the breaker opens after N failed calls, refuses without a request, and recovers after half-open', async () => {
  let down = true;
  const { client, server, events } = await setup((_req, res) => (down ? fail(res, 502) : sendJson(res, scoreboardFixture())), {
    retries: 0,
    breakerThreshold: 2,
    // Long enough that a loaded CI machine cannot reach half-open between two awaited calls.
    breakerHalfOpenAfterMs: 1000,
  });
  await assert.rejects(client.scoreboard(), { code: 'server_error' });
  assert.equal(client.breakerState, 'closed');
  await assert.rejects(client.scoreboard(), { code: 'server_error' });
  assert.equal(client.breakerState, 'open');

  const url = `${server.baseUrl}/playbyplay/playbyplay_0022000001.json`;
  await assert.rejects(client.playByPlay('0022000001'), {
    code: 'circuit_open',
    status: undefined,
    message: `circuit breaker open after 2 failed calls, last: server_error; request not sent from ${url}`,
  });
  assert.equal(server.requests.length, 2, 'no request while open');
  assert.deepEqual(events.at(-1) && [events.at(-1)?.outcome, events.at(-1)?.attempts], ['error', 0]);

  down = false;
  await sleep(1100); // past the half-open delay: waiting for the breaker, not measuring anything
  assert.equal((await client.scoreboard()).kind, 'fresh');
  assert.equal(client.breakerState, 'closed');
  assert.equal(server.requests.length, 3);
});

test('a failed half-open probe opens the breaker again', async () => {
  const { client, server } = await setup((_req, res) => fail(res, 500), { retries: 0, breakerThreshold: 1, breakerHalfOpenAfterMs: 1000 });
  await assert.rejects(client.scoreboard(), { code: 'server_error' });
  await sleep(1100);
  await assert.rejects(client.scoreboard(), { code: 'server_error' });
  await assert.rejects(client.scoreboard(), { code: 'circuit_open' });
  assert.equal(server.requests.length, 2);
});

test('403 and 404 never trip the breaker, however many', async () => {
  const { client, server } = await setup((_req, res, i) => fail(res, i % 2 === 0 ? 403 : 404), { breakerThreshold: 1 });
  for (let i = 0; i < 4; i++) await assert.rejects(client.playByPlay('0022000001'), { code: i % 2 === 0 ? 'forbidden' : 'not_found' });
  assert.equal(client.breakerState, 'closed');
  assert.equal(server.requests.length, 4);
});

test('a throwing observer does not fail the call', async () => {
  const { client } = await setup((_req, res) => sendJson(res, scoreboardFixture()), {
    observer: { onResponse: () => { throw new Error('metrics down'); } },
  });
  assert.equal((await client.scoreboard()).kind, 'fresh');
});
