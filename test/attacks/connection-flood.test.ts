/**
 * Issue 16, finding 5 (connections): the per-address limit was bypassed with 20 loopback
 * addresses, 2,000 connections held; and every refused connection logged a line, 1,901 from one
 * burst. Bars, with the server's defaults: 2,000 connections from 20 addresses are capped by the
 * global limit (1,500), the rest refused with 503 and counted; each cause of refusal reaches the
 * log at most once a second, and the lines account for every refusal.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { WebSocket } from 'ws';
import type { Harness, LogLine } from '../../src/broadcast/testing/harness.ts';
import { GAME_A, gameSnapshot } from '../../src/broadcast/testing/fixtures.ts';
import { startHarness } from '../../src/broadcast/testing/harness.ts';

const GLOBAL_LIMIT = 1_500;

/** Opens a connection from `address`: the open socket, or the HTTP status it was refused with. */
function open(url: string, address: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { localAddress: address });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** `count` connections from each address, 200 at a time. */
async function openFrom(url: string, addresses: readonly string[], count: number): Promise<{ open: WebSocket[]; refused: number[] }> {
  const attempts = addresses.flatMap((address) => Array.from({ length: count }, () => address));
  const result = { open: [] as WebSocket[], refused: [] as number[] };
  for (let i = 0; i < attempts.length; i += 200) {
    const batch = await Promise.all(attempts.slice(i, i + 200).map((address) => open(url, address)));
    for (const r of batch) typeof r === 'number' ? result.refused.push(r) : result.open.push(r);
  }
  return result;
}

/** The refusal lines of one cause, and how many refusals they stand for (a summary counts those it held back). */
function refusalLines(h: Harness, cause: string): { lines: LogLine[]; accounted: number } {
  const lines = h.logs.filter((line) => line.message.startsWith('connection refused') && line.fields.cause === cause);
  return { lines, accounted: lines.reduce((n, line) => n + (line.fields.suppressed === undefined ? 1 : Number(line.fields.suppressed)), 0) };
}

/** Waits for `condition` for up to `ms` (a summary comes a second after the burst), then says whether it held. */
async function within(ms: number, condition: () => boolean): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!condition() && performance.now() < deadline) await delay(20);
  return condition();
}

/**
 * Lines a second apart. The logger stamps a line just after the broadcaster decided to log it; on
 * a loaded machine the process can lose the CPU in between, so the stamps carry some slack.
 */
function assertOncePerSecond(lines: readonly LogLine[], cause: string): void {
  for (let i = 1; i < lines.length; i += 1) {
    const gap = (lines[i]?.at ?? 0) - (lines[i - 1]?.at ?? 0);
    assert.ok(gap >= 900, `${cause}: a line ${gap.toFixed(0)} ms after the one before`);
  }
}

describe('attack: a flood of connections', { timeout: 180_000 }, () => {
  it('2,000 connections from 20 addresses are capped by the global limit; refusals are counted and logged once a second', async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A)]);
    const addresses = Array.from({ length: 20 }, (_, i) => `127.0.0.${i + 1}`);
    const { open: held, refused } = await openFrom(h.url, addresses, 100);
    t.after(() => held.forEach((ws) => ws.terminate()));
    t.diagnostic(`${held.length} held, ${refused.length} refused`);
    assert.equal(held.length, GLOBAL_LIMIT);
    assert.equal(refused.length, 2_000 - GLOBAL_LIMIT);
    assert.deepEqual(new Set(refused), new Set([503]));
    const stats = h.broadcaster.stats();
    assert.equal(stats.clients, GLOBAL_LIMIT);
    assert.equal(stats.refusals.server_full, refused.length);
    await within(10_000, () => refusalLines(h, 'server_full').accounted === refused.length);
    const { lines, accounted } = refusalLines(h, 'server_full');
    assert.equal(accounted, refused.length, 'every refusal is in a line or a summary');
    t.diagnostic(`${lines.length} log lines for ${refused.length} refusals`);
    assertOncePerSecond(lines, 'server_full');
  });

  it('a burst of refusals of several causes is logged at most once a second per cause', async (t) => {
    const h = await startHarness(t);
    const { open: held, refused } = await openFrom(h.url, ['127.0.0.7'], 130);
    t.after(() => held.forEach((ws) => ws.terminate()));
    const lost = await Promise.all(Array.from({ length: 30 }, () => open(`${h.url}elsewhere`, '127.0.0.8')));
    assert.deepEqual([held.length, refused.length, new Set(refused)], [100, 30, new Set([429])]);
    assert.deepEqual(new Set(lost), new Set([404]));
    await within(10_000, () => refusalLines(h, 'address_full').accounted === 30 && refusalLines(h, 'wrong_path').accounted === 30);
    for (const cause of ['address_full', 'wrong_path']) {
      const { lines, accounted } = refusalLines(h, cause);
      assert.equal(accounted, 30, `${cause}: every refusal is in a line or a summary`);
      assert.ok(lines.length < 30, `${cause}: ${lines.length} lines for 30 refusals`);
      assertOncePerSecond(lines, cause);
    }
  });
});
