import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import type { ServerMessage } from '../protocol/messages.ts';
import { BroadcastError } from './errors.ts';
import type { ArchivedGap, ArchivedMessage, MessageArchive, SequencedMessage } from './source.ts';
import { startCore, type CoreHarness, type FakeClient } from './testing/core-harness.ts';
import { GAME_A, GAME_B, GAME_C, gameSnapshot, scoreUpdate } from './testing/fixtures.ts';
import { until } from './testing/recording.ts';

const T = { timeout: 10_000 };
const seqsOf = (messages: readonly ServerMessage[]) => messages.map((m) => m.seq);
const outOfSequence = (error: unknown) => error instanceof BroadcastError && error.code === 'out_of_sequence';

function scoreOf(gameId: string, seq: number): SequencedMessage {
  return { seq, type: 'score_update', gameId, json: JSON.stringify({ ...scoreUpdate(gameId, seq, 0), seq }) };
}

/** An edge's archive: the messages of the games it followed, a gap at every other seq. */
class SparseArchive implements MessageArchive {
  readonly entries: Array<ArchivedMessage | ArchivedGap> = [];
  reads = 0;
  constructor(readonly epoch: string) {}

  messagesSince(epoch: string, afterSeq: number, limit: number): readonly (ArchivedMessage | ArchivedGap)[] | null {
    this.reads += 1;
    return epoch === this.epoch ? this.entries.filter((entry) => entry.seq > afterSeq).slice(0, limit) : null;
  }
}

/** Feeds seqs `from`..`to` as an edge following `followed` would: their messages delivered, the rest skipped. */
function feed(h: CoreHarness, from: number, to: number, gameOf: (seq: number) => string, followed: ReadonlySet<string>, archive?: SparseArchive): void {
  for (let seq = from; seq <= to; seq += 1) {
    const message = scoreOf(gameOf(seq), seq);
    if (followed.has(message.gameId ?? '')) {
      h.core.deliver(message);
      archive?.entries.push({ seq, json: message.json });
    } else {
      h.core.skipTo(seq);
      archive?.entries.push({ seq, gap: true });
    }
  }
}

/** A replay that went to the head and ended, with no gap (empty frame) ever written. */
async function replayEnded(h: CoreHarness, ...clients: FakeClient[]): Promise<void> {
  await until(() => h.core.stats().replaying === 0);
  for (const client of clients) assert.ok(client.socket.sent.every((text) => text.length > 0), 'a gap reached the wire');
}

describe('StreamCore as a sparse target (an edge following only its clients’ games)', () => {
  it('skips other games’ seqs as gaps sent to no one, even to a client of every game, and never goes back', T, async (t) => {
    const h = startCore(t, { epoch: 'stream-1' }, [gameSnapshot(GAME_A)], { seq: 100, archive: undefined });
    const onlyA = h.connect(`?game_ids=${GAME_A}`);
    const all = h.connect();
    h.core.deliver(scoreOf(GAME_A, 101));
    h.core.skipTo(104);
    h.core.skipTo(104);
    assert.throws(() => h.core.skipTo(103), outOfSequence);
    assert.throws(() => h.core.deliver(scoreOf(GAME_A, 104)), outOfSequence);
    h.core.deliver(scoreOf(GAME_A, 105));
    assert.deepEqual(seqsOf(await onlyA.readThrough(105)), [100, 101, 105]);
    assert.deepEqual(seqsOf(await all.readThrough(105)), [100, 101, 105]);
    await turn();
    assert.deepEqual([h.core.seq, h.core.stats().published, h.core.stats().sent], [105, 2, 6]);
  });

  it('names the games its clients follow together, or none when one follows every game', T, async (t) => {
    const h = startCore(t);
    assert.deepEqual(h.core.wantedGames(), new Set());
    h.connect(`?game_ids=${GAME_A}`);
    h.connect(`?game_ids=${GAME_B},${GAME_C}`);
    assert.deepEqual(h.core.wantedGames(), new Set([GAME_A, GAME_B, GAME_C]));
    const all = h.connect();
    assert.equal(h.core.wantedGames(), undefined);
    all.socket.hangUp();
    await until(() => h.core.clientCount === 2);
    assert.deepEqual(h.core.wantedGames(), new Set([GAME_A, GAME_B, GAME_C]));
  });

  it('resumes across gaps from memory: each client gets exactly its games’ messages, in order, once, and goes live', T, async (t) => {
    const h = startCore(t, { epoch: 'stream-1', resumePageSize: 2 }, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    // 1 A, 2-4 other games, 5 B, 6 A, 7-9 other games (pages of nothing but gaps), 10 A.
    const games: Record<number, string> = { 1: GAME_A, 5: GAME_B, 6: GAME_A, 10: GAME_A };
    feed(h, 1, 10, (seq) => games[seq] ?? GAME_C, new Set([GAME_A, GAME_B]));
    const a = h.connect(`?game_ids=${GAME_A}&epoch=stream-1&last_seq=0`);
    const all = h.connect('?epoch=stream-1&last_seq=0');
    assert.deepEqual(seqsOf(await a.readThrough(10)), [1, 6, 10]);
    assert.deepEqual(seqsOf(await all.readThrough(10)), [1, 5, 6, 10]);
    await replayEnded(h, a, all);
    h.core.deliver(scoreOf(GAME_A, 11));
    h.core.skipTo(12);
    assert.deepEqual(seqsOf(await a.readThrough(11)), [11]);
    await turn();
    assert.deepEqual(seqsOf(a.messages), [1, 6, 10, 11]);
    assert.equal(all.messages.filter((m) => m.type === 'snapshot').length, 0);
  });

  it('resumes across an archive’s gap rows beyond memory, a page of gaps at a time, to the end', T, async (t) => {
    const archive = new SparseArchive('stream-1');
    const h = startCore(t, { epoch: 'stream-1', historySize: 2, resumePageSize: 3 }, [gameSnapshot(GAME_A)], { seq: 0, archive });
    const games: Record<number, string> = { 1: GAME_A, 9: GAME_A, 10: GAME_B, 12: GAME_A };
    feed(h, 1, 14, (seq) => games[seq] ?? GAME_C, new Set([GAME_A, GAME_B]), archive);
    const a = h.connect(`?game_ids=${GAME_A}&epoch=stream-1&last_seq=0`);
    assert.deepEqual(seqsOf(await a.readThrough(12)), [1, 9, 12]);
    await replayEnded(h, a);
    assert.ok(archive.reads >= 4, `the gap beyond memory came from the archive a page at a time (${archive.reads} reads)`);
    h.core.deliver(scoreOf(GAME_A, 15));
    assert.deepEqual(seqsOf(await a.readThrough(15)), [15]);
    assert.deepEqual(seqsOf(a.messages), [1, 9, 12, 15]);
  });

  it('fills a past gap with its message for later resumes only, and refuses a seq ahead of its own', T, async (t) => {
    const h = startCore(t, { epoch: 'stream-1', historySize: 4 }, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const live = h.connect();
    h.core.deliver(scoreOf(GAME_A, 1));
    h.core.skipTo(3);
    h.core.fill(scoreOf(GAME_B, 2));
    h.core.fill(scoreOf(GAME_B, 3));
    assert.throws(() => h.core.fill(scoreOf(GAME_B, 4)), outOfSequence);
    h.core.deliver(scoreOf(GAME_A, 4));
    assert.deepEqual(seqsOf(await live.readThrough(4)), [0, 1, 4]);

    const b = h.connect(`?game_ids=${GAME_B}&epoch=stream-1&last_seq=0`);
    assert.deepEqual(seqsOf(await b.readThrough(3)), [2, 3]);
    await replayEnded(h, b);
    h.core.skipTo(6);
    assert.doesNotThrow(() => h.core.fill(scoreOf(GAME_B, 1)), 'a seq memory no longer holds is left alone');
    h.core.deliver(scoreOf(GAME_B, 7));
    assert.deepEqual(seqsOf(await b.readThrough(7)), [7]);
    assert.deepEqual(seqsOf(live.messages), [0, 1, 4, 7], 'filled messages went to no one');
  });
});
