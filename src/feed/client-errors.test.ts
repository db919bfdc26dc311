import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { NbaFeedClient } from './client.ts';
import { FeedError } from './errors.ts';
import type { FeedResponseEvent } from './options.ts';
import { scoreboardFixture, sendJson, startTestCdn } from './test-cdn.ts';
import type { Handler } from './test-cdn.ts';

const closers: Array<() => Promise<void>> = [];
after(() => Promise.all(closers.map((close) => close())));

/** A client with tiny delays against a fresh server; its errors are caught and returned. */
async function failWith(handler: Handler, options: { timeoutMs?: number } = {}) {
  const server = await startTestCdn(handler);
  closers.push(server.close);
  const events: FeedResponseEvent[] = [];
  const client = new NbaFeedClient({
    baseUrl: server.baseUrl,
    retryInitialDelayMs: 1,
    retryMaxDelayMs: 2,
    timeoutMs: options.timeoutMs ?? 2000,
    observer: { onResponse: (e) => events.push(e) },
  });
  const error = await client.playByPlay('0022000001').then(
    () => assert.fail('expected a FeedError'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof FeedError, `not a FeedError: ${String(error)}`);
  return { error, server, events, url: `${server.baseUrl}/playbyplay/playbyplay_0022000001.json` };
}

const ACCESS_DENIED = '<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY><H1>Access Denied</H1>You don\'t have permission.</BODY></HTML>';

test('a 403 HTML page is `forbidden`, names URL, status and page, and is not retried', async () => {
  const { error, server, url, events } = await failWith((_req, res) => {
    res.writeHead(403, { 'Content-Type': 'text/html' });
    res.end(ACCESS_DENIED);
  });
  assert.equal(error.code, 'forbidden');
  assert.equal(error.status, 403);
  assert.equal(error.url, url);
  assert.equal(error.message, `403 Forbidden from ${url}: HTML page "Access Denied"`);
  assert.equal(server.requests.length, 1);
  assert.deepEqual(events.map((e) => [e.outcome, e.status, e.attempts, e.error?.code]), [['error', 403, 1, 'forbidden']]);
});

test('a 404 is `not_found` and is not retried', async () => {
  const { error, server, url } = await failWith((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'application/xml' });
    res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>');
  });
  assert.equal(error.code, 'not_found');
  assert.equal(error.message, `404 Not Found from ${url}: body "<?xml version=\\"1.0\\"?><Error><Code>NoSuchKey</Code></Error>"`);
  assert.equal(server.requests.length, 1);
});

test('a body cut short is `invalid_json` and says it is truncated', async () => {
  const full = JSON.stringify({ game: { gameId: '0022000001', actions: [] } });
  const { error, url } = await failWith((_req, res) => sendJson(res, full.slice(0, 30)));
  assert.equal(error.code, 'invalid_json');
  assert.equal(error.message, `200 OK from ${url}: truncated JSON: the document ends unfinished after 30 bytes`);
});

test('an HTML page with status 200 is `invalid_json`, not JSON', async () => {
  const { error } = await failWith((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(ACCESS_DENIED);
  });
  assert.equal(error.code, 'invalid_json');
  assert.equal(error.detail, 'not JSON: HTML page "Access Denied"');
});

test('garbage after the document is `invalid_json` with the parser\'s reason', async () => {
  const { error } = await failWith((_req, res) => sendJson(res, '{"game":{}} trailing'));
  assert.equal(error.code, 'invalid_json');
  assert.match(error.detail, /^invalid JSON \(20 bytes\): .*position 12/);
});

test('a missing required field is `schema_mismatch` naming its JSON path', async () => {
  const action = { actionNumber: 4, orderNumber: 40000, clock: 'PT11M40.00S', period: 1, periodType: 'REGULAR', actionType: '2pt', scoreAway: '0' };
  const { error, url, server } = await failWith((_req, res) => sendJson(res, { game: { gameId: '0022000001', actions: [action] } }));
  assert.equal(error.code, 'schema_mismatch');
  assert.equal(error.message, `200 OK from ${url}: schema mismatch at game.actions[0].scoreHome (Invalid input: expected string, received undefined)`);
  assert.equal(server.requests.length, 1, 'schema errors are not retried');
});

test('many schema issues are summarised, the first paths named', async () => {
  const { error } = await failWith((_req, res) => sendJson(res, { game: { gameId: 22000001, actions: [{}] } }));
  assert.match(error.detail, /^schema mismatch at game\.gameId \(.*\); game\.actions\[0\]\.actionNumber \(.*\); game\.actions\[0\]\.orderNumber \(.*\) and \d+ more$/);
});

test('a server that never answers is a `timeout`, retried, with no status', async () => {
  const { error, url, server } = await failWith(() => {}, { timeoutMs: 40 });
  assert.equal(error.code, 'timeout');
  assert.equal(error.status, undefined);
  assert.equal(error.message, `no response within 40 ms from ${url}`);
  assert.equal(server.requests.length, 3);
});

test('a body that stops arriving is a `timeout` with the status', async () => {
  const { error } = await failWith((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"game":');
  }, { timeoutMs: 40 });
  assert.equal(error.code, 'timeout');
  assert.equal(error.status, 200);
  assert.equal(error.detail, 'body not complete within 40 ms');
});

test('a connection reset is `network`, retried', async () => {
  const { error, url, server } = await failWith((req) => req.socket.destroy());
  assert.equal(error.code, 'network');
  assert.equal(error.status, undefined);
  assert.match(error.message, new RegExp(`^network error \\(.+\\) from ${url.replace(/[.?]/g, '\\$&')}$`));
  assert.equal(server.requests.length, 3);
});

test('a connection lost mid-body is `network` with the status', async () => {
  const { error } = await failWith((_req, res) => {
    res.writeHead(200, { 'Content-Length': 500 });
    res.write('{"game":');
    setImmediate(() => res.socket?.destroy());
  });
  assert.equal(error.code, 'network');
  assert.equal(error.status, 200);
  assert.match(error.detail, /^connection lost while reading the body/);
});

test('a 304 to a request without validators is an `http_error`', async () => {
  const { error } = await failWith((_req, res) => {
    res.writeHead(304);
    res.end();
  });
  assert.equal(error.code, 'http_error');
  assert.equal(error.detail, 'a 304 answered a request that had no validators');
});

test('aborting the caller\'s signal rejects with its reason, not a FeedError', async () => {
  const server = await startTestCdn(() => {});
  closers.push(server.close);
  const client = new NbaFeedClient({ baseUrl: server.baseUrl });
  const stop = new AbortController();
  const pending = client.scoreboard({ signal: stop.signal });
  setImmediate(() => stop.abort(new Error('shutting down')));
  await assert.rejects(pending, { message: 'shutting down' });
  assert.equal(client.breakerState, 'closed');
});

test('fixture sanity: the scoreboard fixture itself is valid', async () => {
  const server = await startTestCdn((_req, res) => sendJson(res, scoreboardFixture()));
  closers.push(server.close);
  assert.equal((await new NbaFeedClient({ baseUrl: server.baseUrl }).scoreboard()).kind, 'fresh');
});
