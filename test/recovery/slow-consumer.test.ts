/**
 * Issue 5, acceptance 2 (the part that is a test; latency ratios are benchmarks): during a night
 * replayed at speed, clients that stop reading do not cost the others a message, stop being
 * written to once behind, get the latest state if they catch up, and are closed with 4008 if
 * they do not.
 *
 * A paused client fills the kernel's socket buffers first (on loopback they hold a whole night of
 * messages), so the paused clients here also keep asking for snapshots until the server sees
 * their send buffer pass the threshold: a stuck client that keeps writing, the worst kind.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { loadConfig } from '../../src/config.ts';
import { startService, type RunningService } from '../../src/main.ts';
import type { ServerMessage } from '../../src/protocol/messages.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { requireDataDir } from '../support/data.ts';
import { assertContiguous, broadcastFrames } from '../support/stream-checks.ts';
import { Collector } from '../support/ws-collector.ts';
import { BASELINE_MODEL } from '../../src/config/model.ts';

const NIGHT = '2017-10-20';
const SLOW_BYTES = 16 * 1024;
const SLOW_TIMEOUT_MS = 3_000;
const SUBSCRIBE_ALL = JSON.stringify({ type: 'subscribe', game_ids: '*' });
/** Answered with an `invalid_json` error while the client keeps up; errors to a slow client are dropped. */
const GARBAGE = 'not json';

function socketOf(client: Collector): { pause(): void; resume(): void } {
  return (client.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
}

/**
 * Stops reading and keeps sending `request` until the server counts one more slow client; returns
 * the seq then. Answers to the requests fill the socket buffers faster than the night does.
 */
async function fallBehind(client: Collector, service: RunningService, request: string, perRound: number): Promise<number> {
  const before = service.broadcaster.stats().slowClients;
  socketOf(client).pause();
  for (let round = 0; service.broadcaster.stats().slowClients === before; round += 1) {
    assert.ok(round < 500, 'the paused client never fell behind');
    for (let i = 0; i < perRound; i += 1) client.socket.send(request);
    await delay(10);
  }
  return service.broadcaster.seq;
}

/** `what` may be a function, to describe the state at the timeout rather than at the call. */
async function until(condition: () => boolean, what: string | (() => string), timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await delay(20);
  }
}

/** Each game's latest score as a client applying snapshots and score updates in order would have it. */
function scoresSeen(messages: readonly ServerMessage[]): Map<string, unknown> {
  const scores = new Map<string, unknown>();
  for (const m of messages) {
    if (m.type === 'snapshot') for (const g of m.games) scores.set(g.game_id, g.data);
    if (m.type === 'score_update') scores.set(m.game_id, m.data);
  }
  return scores;
}

function snapshots(messages: readonly ServerMessage[]) {
  return messages.filter((m): m is Extract<ServerMessage, { type: 'snapshot' }> => m.type === 'snapshot');
}

describe('clients that stop reading, during a replayed night', () => {
  it('cost the others nothing, are not written to while behind, catch up to the latest state or are closed with 4008', { timeout: 120_000 }, async (t) => {
    const dataDir = requireDataDir(t, 'minute_diffs.csv', 'pbp_2017-18.csv');
    if (!dataDir) return;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-slow-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const config = loadConfig({
      port: 0, host: '127.0.0.1', dataDir, date: NIGHT, speed: 1000, exitWhenDone: true, logLevel: 'silent',
      db: path.join(dir, 'courtside.db'), modelDir: BASELINE_MODEL,
    }, {});
    const service = await startService(config, {
      logger: silentLogger,
      dashboard: false,
      // A long grace: the client closed for being slow reads its close frame only after the backlog in its socket.
      // The paused clients' floods are only a quick way to fill their buffers: no rate limit or output budget ends them first.
      broadcastOptions: {
        slowClientBytes: SLOW_BYTES, slowClientTimeoutMs: SLOW_TIMEOUT_MS, closeGraceMs: 60_000,
        maxMessagesPerSecond: 1_000_000, maxSubscribesPerSecond: 1_000_000, outputBudgetBytes: 2 ** 30,
      },
    });
    t.after(() => service.close());

    const readers = [new Collector(service.wsUrl), new Collector(service.wsUrl)];
    const catcher = new Collector(service.wsUrl);
    const staller = new Collector(service.wsUrl);
    const everyone = [...readers, catcher, staller];
    await Promise.all(everyone.map((c) => c.opened));
    await Promise.all(everyone.map((c) => c.until((ms) => ms.length > 0)));

    // One falls behind and reads again before the timeout: it is owed its backlog.
    await fallBehind(catcher, service, GARBAGE, 500);
    // Behind long enough for a newer score of some game to replace one in its backlog.
    await until(() => service.broadcaster.stats().droppedScoreUpdates > 0, 'a score update replaced in the backlog', SLOW_TIMEOUT_MS / 2);
    socketOf(catcher).resume();
    await until(() => service.broadcaster.stats().slowClients === 0, 'the catcher to catch up');
    const caughtUpBy = service.broadcaster.seq;
    assert.equal(service.broadcaster.stats().slowDisconnects, 0);

    // The other stays behind: from then on nothing is written to it, until it is let go with 4008.
    const stallerBehindAt = await fallBehind(staller, service, SUBSCRIBE_ALL, 50);
    const behind = service.broadcaster.stats();
    await until(() => service.broadcaster.stats().slowDisconnects === 1, () => `the staller to be closed (${JSON.stringify(service.broadcaster.stats().closes)}, slow ${service.broadcaster.stats().slowClients})`, SLOW_TIMEOUT_MS + 30_000);
    const closed = service.broadcaster.stats();
    const published = closed.published - behind.published;
    assert.ok(published > 0, 'the night went on while it was behind');
    // Every message published meanwhile went to the three reading clients and none to the staller:
    // its send buffer, the server memory it holds, did not grow.
    const written = closed.sent - behind.sent;
    assert.equal(written, 3 * published, `messages written for ${published} published`);
    assert.ok(closed.droppedScoreUpdates > 0, 'score updates held for a slow client were replaced by newer ones');

    socketOf(staller).resume();
    assert.equal(await staller.closed, 4008);
    await service.done;
    const last = service.broadcaster.seq;
    await Promise.all([...readers, catcher].map((c) => c.readThrough(last, 15_000)));

    // The readers: every message of the night from their greeting on, in order, once.
    for (const [i, reader] of readers.entries()) {
      assert.deepEqual(reader.invalid, []);
      const greeting = reader.messages[0];
      assert.equal(greeting?.type, 'snapshot');
      assertContiguous(broadcastFrames(reader.messages), (greeting?.seq ?? 0) + 1, last, `reader ${i + 1}`);
      assert.equal(snapshots(reader.messages).length, 1, 'one snapshot, the greeting');
    }

    // The staller got nothing published after it fell behind: no score update, nothing.
    const stallerFrames = broadcastFrames(staller.messages);
    assert.ok(stallerFrames.every((m) => m.seq <= stallerBehindAt), `the staller was written ${stallerFrames.filter((m) => m.seq > stallerBehindAt).length} messages after it fell behind at ${stallerBehindAt}`);
    assert.ok(readers[0]?.messages.some((m) => m.type === 'score_update' && m.seq > stallerBehindAt), 'score updates went on without it');
    assertContiguous(stallerFrames, (staller.messages[0]?.seq ?? 0) + 1, stallerFrames.at(-1)?.seq ?? 0, 'the staller, until it fell behind');

    // The catcher got every message in order, except score updates replaced by a newer one of the
    // same game while it was behind (its backlog keeps the latest score of each game and
    // everything else), and is live again to the end.
    const bySeq = new Map(broadcastFrames(readers[0]?.messages ?? []).map((m) => [m.seq, m]));
    const got = broadcastFrames(catcher.messages);
    const gotSeqs = new Set(got.map((m) => m.seq));
    got.forEach((m, i) => assert.ok(i === 0 || m.seq > (got[i - 1]?.seq ?? 0), `catcher: seq ${m.seq} after ${got[i - 1]?.seq}`));
    const skipped: number[] = [];
    const from = Math.max(catcher.messages[0]?.seq ?? 0, readers[0]?.messages[0]?.seq ?? 0) + 1;
    for (let seq = from; seq <= last; seq += 1) {
      if (gotSeqs.has(seq)) continue;
      const m = bySeq.get(seq);
      assert.equal(m?.type, 'score_update', `catcher: lost seq ${seq}, a ${m?.type}`);
      assert.ok(got.some((n) => n.type === 'score_update' && n.game_id === m?.game_id && n.seq > seq), `catcher: score ${seq} of ${m?.game_id} skipped without a newer one`);
      assert.ok(seq <= caughtUpBy, `catcher: score ${seq} skipped after it caught up (by ${caughtUpBy})`);
      skipped.push(seq);
    }
    assert.ok(skipped.length > 0, 'some score updates were replaced while it was behind');
    assert.ok(got.at(-1)?.seq === last, 'live to the end');
    assert.equal(snapshots(catcher.messages).length, 1, 'no snapshot but its greeting: it never asked for one');
    assert.ok(catcher.ofType('error').length > 0 && catcher.ofType('error').every((e) => e.code === 'invalid_json'), 'its garbage was answered with invalid_json until it fell behind');
    assert.deepEqual(catcher.invalid, []);

    // Everyone who kept reading ends with the same state as the service.
    const final = new Map(service.pipeline.snapshot().map((g) => [g.game_id, g.data]));
    for (const [i, client] of [...readers, catcher].entries()) assert.deepEqual(scoresSeen(client.messages), final, `client ${i + 1}: the final scores`);
    assert.equal(service.broadcaster.stats().slowClients, 0);
    for (const c of [...readers, catcher]) c.close();
  });
});
