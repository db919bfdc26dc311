/**
 * The broadcaster over the real SQLite store as its durable log: what issue 5's restart needs
 * (same epoch, numbering continued, a resuming client gets the gap from disk).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ServerMessage } from '../protocol/messages.ts';
import { openStore } from '../store/sqlite-store.ts';
import { GAME_A, GAME_B, mlPrediction, patternProgress, scoreUpdate } from './testing/fixtures.ts';
import { startHarness } from './testing/harness.ts';

const T = { timeout: 15_000 };

describe('Broadcaster with the SQLite store as its log', () => {
  it('survives a restart: same epoch, next seq, the gap replayed from disk exactly once and in order', T, async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'courtside-broadcast-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'courtside.db');

    const firstStore = openStore(file);
    const first = await startHarness(t, { log: firstStore });
    const watcher = await first.connect();
    await watcher.nextOf('snapshot');
    for (let i = 1; i <= 30; i += 1) {
      const game = i % 2 ? GAME_A : GAME_B;
      first.broadcaster.publish(i % 10 === 0 ? mlPrediction(game) : i % 3 === 0 ? patternProgress(game, [i]) : scoreUpdate(game, i, 0));
    }
    const sentBefore = await watcher.readThrough(30);
    const epoch = first.broadcaster.epoch;
    await first.broadcaster.close();
    firstStore.close();

    const secondStore = openStore(file);
    t.after(() => secondStore.close());
    const second = await startHarness(t, { log: secondStore, historySize: 5 });
    assert.equal(second.broadcaster.epoch, epoch);
    assert.equal(second.broadcaster.seq, 30);
    // The client saw up to 12 before the restart; memory holds nothing older than the restart.
    const client = await second.connect(`?epoch=${epoch}&last_seq=12`);
    assert.equal(second.broadcaster.publish(scoreUpdate(GAME_A, 99, 0)), 31);
    const received = await client.readThrough(31);
    assert.deepEqual(received.map((m) => m.seq), Array.from({ length: 19 }, (_, i) => 13 + i));
    assert.deepEqual(received.slice(0, 18), sentBefore.slice(12) satisfies ServerMessage[]);
  });
});
