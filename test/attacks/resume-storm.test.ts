/**
 * Issue 16, finding 3: after a restart, 100 connections with `last_seq=0` each read and wrote the
 * whole message log in one go; `/health` was blocked for 8.5 s. Its bar, `/health` p99 under
 * 100 ms throughout, is a latency and is measured in `bench/resume.bench.ts`. Here, what makes
 * it hold: a replay is paged, so no turn of the event loop reads more than one page from the log
 * or writes more than one page to the sockets, and every client still gets the whole gap from the
 * log, exactly once and in order. The server runs on a real SQLite store, restarted.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { WebSocket } from 'ws';
import type { DurableMessageLog } from '../../src/broadcast/index.ts';
import { GAME_A, GAME_B, patternProgress, scoreUpdate } from '../../src/broadcast/testing/fixtures.ts';
import { startHarness, type Harness } from '../../src/broadcast/testing/harness.ts';
import { openStore } from '../../src/store/sqlite-store.ts';

const MESSAGES = 1_000;
const CLIENTS = 100;
/** The broadcaster's default page. */
const PAGE = 100;

/** The store's log, counting the rows each turn of the event loop reads from it. */
class CountingLog implements DurableMessageLog {
  rowsThisTurn = 0;
  constructor(readonly inner: DurableMessageLog) {}
  appendMessage(seq: number, epoch: string, json: string): void {
    this.inner.appendMessage(seq, epoch, json);
  }
  messagesSince(epoch: string, afterSeq: number, limit: number): ReturnType<DurableMessageLog['messagesSince']> {
    const rows = this.inner.messagesSince(epoch, afterSeq, limit);
    this.rowsThisTurn += rows?.length ?? 0;
    return rows;
  }
  messageLogHead(): ReturnType<DurableMessageLog['messageLogHead']> {
    return this.inner.messageLogHead();
  }
}

/** The most rows read and frames written in any one turn of the event loop, until `stop()`. */
function watchTurns(h: Harness, log: CountingLog): { readonly rows: number; readonly frames: number; stop(): void } {
  const most = { rows: 0, frames: 0 };
  let running = true;
  void (async () => {
    let sent = h.broadcaster.stats().sent;
    while (running) {
      log.rowsThisTurn = 0;
      await turn();
      const now = h.broadcaster.stats().sent;
      most.rows = Math.max(most.rows, log.rowsThisTurn);
      most.frames = Math.max(most.frames, now - sent);
      sent = now;
    }
  })();
  return { get rows() { return most.rows; }, get frames() { return most.frames; }, stop: () => void (running = false) };
}

/** A client that resumes from `lastSeq` in the URL and notes the seq of every message. */
function resumer(url: string, epoch: string, lastSeq: number, until: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const seqs: number[] = [];
    const ws = new WebSocket(`${url}?epoch=${encodeURIComponent(epoch)}&last_seq=${lastSeq}`);
    ws.on('message', (data) => {
      seqs.push((JSON.parse(String(data)) as { seq: number }).seq);
      if (seqs.at(-1) === until) {
        ws.terminate();
        resolve(seqs);
      }
    });
    ws.once('error', reject);
    ws.once('close', () => resolve(seqs));
  });
}

describe('attack: 100 clients resuming from 0 after a restart', { timeout: 120_000 }, () => {
  it('get the whole log a page at a time: no turn reads or writes more than a page', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'courtside-resume-storm-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'courtside.db');

    const before = openStore(file);
    const first = await startHarness(t, { log: before, validateOutgoing: false });
    for (let seq = 1; seq <= MESSAGES; seq += 1) {
      const game = seq % 2 ? GAME_A : GAME_B;
      first.broadcaster.publish(seq % 5 === 0 ? patternProgress(game, [seq % 30]) : scoreUpdate(game, seq, 0));
    }
    const epoch = first.broadcaster.epoch;
    await first.broadcaster.close();
    before.close();

    const store = openStore(file);
    t.after(() => store.close());
    const log = new CountingLog(store);
    const h = await startHarness(t, { log, validateOutgoing: false });
    assert.equal(h.broadcaster.seq, MESSAGES);
    const turns = watchTurns(h, log);
    const received = await Promise.all(Array.from({ length: CLIENTS }, () => resumer(h.url, epoch, 0, MESSAGES)));
    turns.stop();

    const whole = Array.from({ length: MESSAGES }, (_, i) => i + 1);
    received.forEach((seqs, i) => assert.deepEqual(seqs, whole, `client ${i + 1}: the whole log, once, in order`));
    t.diagnostic(`most in one turn: ${turns.rows} rows read from the log, ${turns.frames} frames written`);
    assert.ok(turns.rows <= PAGE, `${turns.rows} rows read from the log in one turn`);
    assert.ok(turns.frames <= PAGE, `${turns.frames} frames written in one turn`);
    assert.ok(turns.rows > 0 && turns.frames > 0, 'the turns were watched while the replays ran');
  });
});
