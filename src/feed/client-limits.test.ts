import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { NbaFeedClient } from './client.ts';
import { FeedError } from './errors.ts';
import { DEFAULT_MAX_BODY_BYTES, type FeedResponseEvent } from './options.ts';
import { scoreboardFixture, sendJson, startTestCdn, type Handler } from './test-cdn.ts';

const closers: Array<() => Promise<void>> = [];
after(() => Promise.all(closers.map((close) => close())));

const PBP_URL = '/playbyplay/playbyplay_0022000001.json';

/** Writes `chunks` chunks of `chunk` without a Content-Length, minding backpressure; resolves with what the socket took. */
function stream(res: http.ServerResponse, chunk: Buffer, chunks: number): Promise<{ written: number; cut: boolean }> {
  if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'application/json' });
  return new Promise((resolve) => {
    let sent = 0;
    let written = 0;
    res.once('close', () => resolve({ written, cut: sent < chunks }));
    const pump = (): void => {
      while (sent < chunks && !res.destroyed) {
        sent += 1;
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (sent === chunks) res.end();
    };
    pump();
  });
}

async function serve(handler: Handler) {
  const server = await startTestCdn(handler);
  closers.push(server.close);
  const events: FeedResponseEvent[] = [];
  const client = (maxBodyBytes?: Record<string, number>) =>
    new NbaFeedClient({ baseUrl: server.baseUrl, retryInitialDelayMs: 1, retryMaxDelayMs: 2, maxBodyBytes, observer: { onResponse: (e) => events.push(e) } });
  return { server, events, client };
}

async function failure(call: Promise<unknown>): Promise<FeedError> {
  const error = await call.then(() => assert.fail('expected a FeedError'), (e: unknown) => e);
  assert.ok(error instanceof FeedError, `not a FeedError: ${String(error)}`);
  return error;
}

test('a streamed body past its endpoint limit is `body_too_large`, naming URL and limit, cut off there and not retried', async () => {
  let served: Promise<{ written: number; cut: boolean }> | undefined;
  const { server, events, client } = await serve((_req, res) => {
    served = stream(res, Buffer.alloc(16 * 1024, 0x20), 1024);
  });
  const error = await failure(client({ playbyplay: 100_000 }).playByPlay('0022000001'));
  const url = `${server.baseUrl}${PBP_URL}`;
  assert.equal(error.code, 'body_too_large');
  assert.equal(error.transient, false);
  assert.equal(error.message, `200 OK from ${url}: body over the limit of 100000 bytes (maxBodyBytes.playbyplay): reading stopped at 100000 bytes`);
  assert.equal(server.requests.length, 1);
  assert.deepEqual(events.map((e) => [e.outcome, e.error?.code]), [['error', 'body_too_large']]);
  const { written, cut } = await (served as Promise<{ written: number; cut: boolean }>);
  assert.ok(cut, 'the connection was dropped before the 16 MB body was sent');
  assert.ok(written < 8 * 1024 * 1024, `only the start of the body was sent, got ${written} bytes`);
});

test('a declared Content-Length past the limit is refused before reading', async () => {
  const { server, client } = await serve((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 50_000_000 });
    res.write('{"scoreboard":');
  });
  const error = await failure(client().scoreboard());
  assert.equal(error.code, 'body_too_large');
  assert.equal(error.detail, `body over the limit of ${DEFAULT_MAX_BODY_BYTES.scoreboard} bytes (maxBodyBytes.scoreboard): declared 50000000 bytes (Content-Length); not read`);
  assert.match(error.url, /\/scoreboard\/todaysScoreboard_00\.json$/);
  assert.equal(server.requests.length, 1);
});

test('the limit counts decoded bytes: a small gzip body that inflates past it is cut off too', async () => {
  const body = gzipSync(Buffer.alloc(5_000_000, 0x20));
  const { client } = await serve((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    res.end(body);
  });
  assert.ok(body.length < 100_000);
  const error = await failure(client({ boxscore: 100_000 }).boxscore('0022000001'));
  assert.equal(error.code, 'body_too_large');
  assert.match(error.detail, /\(maxBodyBytes\.boxscore\): reading stopped at 100000 bytes$/);
});

test('a body of exactly the limit is read, and each endpoint keeps its own limit', async () => {
  const text = JSON.stringify(scoreboardFixture());
  const { client } = await serve((_req, res) => sendJson(res, text));
  const exact = client({ scoreboard: Buffer.byteLength(text), boxscore: 10 });
  const result = await exact.scoreboard();
  assert.equal(result.kind, 'fresh');
  const over = await failure(client({ scoreboard: Buffer.byteLength(text) - 1 }).scoreboard());
  assert.equal(over.code, 'body_too_large');
});

test('an error status with a huge page is still its status, named from the start of the page, which is all that is read', async () => {
  const page = Buffer.from('<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>');
  let served: Promise<{ written: number; cut: boolean }> | undefined;
  const { client } = await serve((_req, res) => {
    res.writeHead(403, { 'Content-Type': 'text/html' });
    res.write(page);
    served = stream(res, Buffer.alloc(16 * 1024, 0x41), 2048);
  });
  const error = await failure(client().playByPlay('0022000001'));
  assert.equal(error.code, 'forbidden');
  assert.equal(error.detail, 'HTML page "Access Denied"');
  const { written, cut } = await (served as Promise<{ written: number; cut: boolean }>);
  assert.ok(cut && written < 8 * 1024 * 1024, `only the start of the page was sent, got ${written} bytes`);
});
