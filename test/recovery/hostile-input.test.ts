/**
 * Issue 5, acceptance 3: hostile input against a running service, during a replayed night.
 * Random bytes (as HTTP, as WebSocket frames, as text and binary messages), invalid JSON, unknown
 * types, bad fields, oversized frames, and 1,000 connections opened and dropped in a burst. The
 * server stays up, answers what deserves an answer with an error that carries a code, closes what
 * is not WebSocket at all, releases every connection slot, and a well-behaved client receives its
 * snapshot and every update throughout.
 *
 * Random bytes come from a seeded generator; the seed is printed, `COURTSIDE_HOSTILE_SEED=<n>`
 * repeats a run.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.ts';
import { startService, type RunningService } from '../../src/main.ts';
import { seededRandom } from '../../src/model/random.ts';
import type { ERROR_CODES } from '../../src/protocol/messages.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { requireDataDir } from '../support/data.ts';
import { assertContiguous, broadcastFrames } from '../support/stream-checks.ts';
import { Collector } from '../support/ws-collector.ts';
import { BASELINE_MODEL } from '../../src/config/model.ts';

const NIGHT = '2017-10-20';
const SEED = Number(process.env.COURTSIDE_HOSTILE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(SEED);
const MAX_PAYLOAD = 64 * 1024;

function randomBytes(n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
}

/** Random bytes that are valid UTF-8 (so they reach the JSON parser) and not JSON. */
function randomText(n: number): string {
  return `#${Array.from({ length: n }, () => String.fromCharCode(0x20 + Math.floor(random() * 0x5f))).join('')}`;
}

function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return (async () => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
      await delay(20);
    }
  })();
}

/** Sends raw bytes on a plain TCP connection; resolves with what came back once the server closed it. */
function rawTcp(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    setTimeout(() => reject(new Error('the server kept a garbage connection open')), 10_000).unref();
  });
}

/** A connection that sends `payload` once open; resolves with the close code it gets. */
async function closedBy(url: string, send: (ws: WebSocket) => void): Promise<number> {
  const ws = new WebSocket(url);
  ws.on('error', () => undefined);
  await new Promise((resolve) => ws.once('open', resolve));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  send(ws);
  return closed;
}

/**
 * A connection from `address`, retried while refused for a short while: a dropped socket gives its
 * slot back when the server sees it close, which may be a moment after the client saw it. A slot
 * that never comes back fails here.
 */
async function admitted(url: string, address: string): Promise<WebSocket> {
  for (let attempt = 0; ; attempt += 1) {
    const ws = new WebSocket(url, { localAddress: address });
    ws.on('error', () => undefined);
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('close', () => resolve(0));
    });
    if (status === 101) return ws;
    ws.terminate();
    assert.ok(attempt < 50, `a connection from ${address} still refused (${status}) after ${attempt} retries: a slot leaked`);
    await delay(100);
  }
}

/** Opens `count` connections at once from `address`; each is dropped in one of three rude ways. */
function burst(url: string, address: string, count: number): Promise<{ opened: number; refused: number }> {
  let opened = 0;
  let refused = 0;
  const drops = Array.from({ length: count }, (_, i) => new Promise<void>((resolve) => {
    const ws = new WebSocket(url, { localAddress: address });
    ws.on('error', () => undefined);
    ws.on('unexpected-response', () => {
      refused += 1;
      ws.terminate();
    });
    ws.once('close', () => resolve());
    if (i % 3 === 0) {
      // Mid-handshake: the upgrade request is sent, the answer never read.
      setImmediate(() => ws.terminate());
      return;
    }
    ws.once('open', () => {
      opened += 1;
      if (i % 3 === 1) ws.terminate();
      else ws.close(1000);
    });
  }));
  return Promise.all(drops).then(() => ({ opened, refused }));
}

describe('hostile input against a running service', () => {
  it('keeps serving a well-behaved client while it is sent garbage and a burst of 1,000 connections', { timeout: 120_000 }, async (t) => {
    const dataDir = requireDataDir(t, 'minute_diffs.csv', 'pbp_2017-18.csv');
    if (!dataDir) return;
    t.diagnostic(`seed ${SEED}`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-hostile-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const config = loadConfig({
      port: 0, host: '127.0.0.1', dataDir, date: NIGHT, speed: 300, logLevel: 'silent',
      db: path.join(dir, 'courtside.db'), modelDir: BASELINE_MODEL,
    }, {});
    const service: RunningService = await startService(config, { logger: silentLogger, dashboard: false });
    t.after(() => service.close());
    const url = service.wsUrl.replace('localhost', '127.0.0.1');

    const good = new Collector(url);
    await good.opened;
    await good.until((ms) => ms.length > 0);
    const startedAt = service.broadcaster.seq;

    // Not HTTP at all, and HTTP that is garbage: answered 400 or simply closed; never kept.
    const answers = [await rawTcp(service.port, randomBytes(4096)), await rawTcp(service.port, Buffer.from(`GET /${randomText(50)} HTTP/1.1\r\nUpgrade: websocket\r\n\r\n`))];
    for (const answer of answers) assert.ok(answer === '' || answer.startsWith('HTTP/1.1 4'), `answered ${JSON.stringify(answer.slice(0, 40))}`);

    // Garbage at the protocol level ends that connection, with the close code that says why.
    // The first byte sets the reserved bits, so the frame is invalid whatever the random rest says.
    const garbage = Buffer.concat([Buffer.from([0xf0 | Math.floor(random() * 16)]), randomBytes(255)]);
    assert.equal(await closedBy(url, (ws) => (ws as unknown as { _socket: net.Socket })._socket.write(garbage)), 1002, 'random bytes as frames');
    const badUtf8 = Buffer.concat([Buffer.from('{"type":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]);
    assert.equal(await closedBy(url, (ws) => ws.send(badUtf8, { binary: false })), 1007, 'a text frame that is not UTF-8');
    assert.equal(await closedBy(url, (ws) => ws.send('x'.repeat(MAX_PAYLOAD * 4 + 1))), 1009, 'a frame beyond the hard limit');

    // Garbage in messages gets an error with a code, and the connection stays.
    const troll = new Collector(url);
    await troll.opened;
    const attempts: Array<[string | Buffer, (typeof ERROR_CODES)[number], boolean?]> = [
      [randomText(200), 'invalid_json'],
      [randomBytes(300), 'invalid_message', true],
      ['{', 'invalid_json'],
      ['{"type":', 'invalid_json'],
      ['null', 'invalid_message'],
      ['[{"type":"subscribe","game_ids":"*"}]', 'invalid_message'],
      ['42', 'invalid_message'],
      ['{"type":42}', 'invalid_message'],
      ['{"type":"subscribe_all"}', 'unknown_type'],
      ['{"type":"__proto__"}', 'unknown_type'],
      ['{"type":"constructor"}', 'unknown_type'],
      ['{"type":"resume","epoch":"","last_seq":-1}', 'invalid_message'],
      ['{"type":"resume","epoch":"e","last_seq":1e400}', 'invalid_message'],
      ['{"type":"subscribe","game_ids":["not-a-game"]}', 'invalid_message'],
      [JSON.stringify({ type: 'subscribe', game_ids: Array.from({ length: 101 }, (_, i) => String(21700001 + i).padStart(10, '0')) }), 'invalid_message'],
      [JSON.stringify({ type: 'subscribe', game_ids: '*', pad: 'x'.repeat(MAX_PAYLOAD) }), 'message_too_large'],
    ];
    for (const [frame, , binary] of attempts) troll.socket.send(frame, { binary: binary ?? false });
    await troll.until((ms) => ms.filter((m) => m.type === 'error').length >= attempts.length);
    const errors = troll.ofType('error');
    assert.deepEqual(errors.map((e) => e.code), attempts.map(([, code]) => code));
    for (const e of errors) assert.ok(e.message.length > 0 && e.message.length < 500, `a short message: ${e.message}`);
    // Extra keys, prototype-polluting ones included, are ignored: still a subscribe, answered with a snapshot.
    troll.socket.send('{"type":"subscribe","game_ids":"*","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    await troll.until((ms) => ms.filter((m) => m.type === 'snapshot').length >= 2);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined, 'Object.prototype untouched');
    assert.equal(troll.ofType('error').length, attempts.length, 'and no error for it');
    assert.deepEqual(troll.invalid, []);

    // 1,000 connections opened and dropped at once, 100 from each of 10 loopback addresses (the per-address limit).
    const before = service.broadcaster.clientCount;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => burst(url, `127.0.0.${i + 2}`, 100)));
    const opened = results.reduce((n, r) => n + r.opened, 0);
    const refused = results.reduce((n, r) => n + r.refused, 0);
    t.diagnostic(`burst: ${opened} opened, ${refused} refused, ${1000 - opened - refused} dropped mid-handshake`);
    assert.ok(opened >= 600, `most were opened (${opened})`);
    assert.equal(refused, 0, 'none over the per-address limit');
    await until(() => service.broadcaster.clientCount === before, `clients back to ${before} (now ${service.broadcaster.clientCount})`);
    // Every slot came back: one address can open its whole allowance again, and no more.
    const again = await Promise.all(Array.from({ length: 100 }, () => admitted(url, '127.0.0.2')));
    const overLimit = new WebSocket(url, { localAddress: '127.0.0.2' });
    const status = await new Promise<number>((resolve) => {
      overLimit.on('error', () => undefined);
      overLimit.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      overLimit.once('open', () => resolve(101));
    });
    assert.equal(status, 429, 'the 101st from one address is refused');
    for (const ws of again) ws.terminate();

    // Through all of it: the well-behaved client has every update, in order, and more keep coming.
    const afterAll = service.broadcaster.seq;
    await good.until((ms) => ms.some((m) => m.seq > afterAll), 30_000);
    const greeting = good.messages[0];
    assert.equal(greeting?.type, 'snapshot');
    const frames = broadcastFrames(good.messages);
    assertContiguous(frames, (greeting?.seq ?? 0) + 1, frames.at(-1)?.seq ?? 0, 'the well-behaved client');
    assert.ok(frames.some((m) => m.seq > startedAt && m.type === 'score_update'), 'score updates kept coming');
    assert.deepEqual(good.ofType('error'), []);
    assert.deepEqual(good.invalid, []);
    const newcomer = new Collector(url);
    await newcomer.until((ms) => ms[0]?.type === 'snapshot' && ms.some((m) => m.type !== 'snapshot'), 30_000);
    const health = await fetch(`http://127.0.0.1:${service.port}/health`);
    assert.ok(health.status === 200 || health.status === 503);
    assert.equal(typeof ((await health.json()) as { clients?: unknown }).clients, 'number');
    assert.ok(service.broadcaster.stats().clientErrors >= attempts.length - 1);
    for (const c of [good, troll, newcomer]) c.close();
  });
});
