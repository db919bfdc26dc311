import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GameMessage } from '../broadcast/index.ts';
import { silentLogger } from '../domain/logger.ts';
import { GameMerge, type MergeTarget } from './game-merge.ts';
import type { StreamMessage } from './stream-reader.ts';

const A = '0021700001';
const B = '0021700002';
const C = '0021700003';

/** A stream as a list of (seq, game): its messages, and the answer to "what is next for this game". */
class FakeStream {
  readonly games = new Map<number, string>();
  asked = 0;

  add(seq: number, gameId: string): StreamMessage {
    this.games.set(seq, gameId);
    return this.message(seq);
  }

  message(seq: number, pending = 0): StreamMessage {
    const gameId = this.games.get(seq) ?? 'none';
    return { seq, pending, json: JSON.stringify({ type: 'score_update', seq, game_id: gameId, timestamp: 't' }) };
  }

  readonly nextSeq = async (gameId: string, fromSeq: number): Promise<number | undefined> => {
    this.asked += 1;
    await Promise.resolve();
    return [...this.games].filter(([seq, game]) => game === gameId && seq >= fromSeq).map(([seq]) => seq).sort((a, b) => a - b)[0];
  };
}

/** What the merge hands on, in the order it does. */
class Recording implements MergeTarget {
  readonly log: string[] = [];
  deliver(message: GameMessage, raw: StreamMessage): void {
    this.log.push(`deliver ${raw.seq} ${message.game_id}`);
  }
  skipTo(seq: number): void {
    this.log.push(`skip to ${seq}`);
  }
  backfill(message: GameMessage, raw: StreamMessage): void {
    this.log.push(`backfill ${raw.seq} ${message.game_id}`);
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('GameMerge', () => {
  it('releases two games in seq order whichever tail is ahead, with the other games\' seqs as gaps', async () => {
    const stream = new FakeStream();
    const target = new Recording();
    const merge = new GameMerge(0, target, stream.nextSeq, silentLogger);
    merge.add(A, true);
    merge.add(B, true);
    const a2 = stream.add(2, A);
    stream.add(3, C);
    const b4 = stream.add(4, B);
    const a5 = stream.add(5, A);
    // B's tail is ahead of A's: 4 must wait until A is known to have nothing before it.
    merge.received(B, b4);
    assert.deepEqual(target.log, []);
    merge.received(A, a2);
    await settle();
    merge.received(A, a5);
    await settle();
    assert.deepEqual(target.log, ['skip to 1', 'deliver 2 0021700001', 'skip to 3', 'deliver 4 0021700002', 'deliver 5 0021700001']);
    assert.equal(merge.position, 5);
  });

  it('does not release past a message the stream has for a game whose tail has not brought it yet', async () => {
    const stream = new FakeStream();
    const target = new Recording();
    const merge = new GameMerge(0, target, stream.nextSeq, silentLogger);
    merge.add(A, true);
    merge.add(B, true);
    stream.add(1, A);
    const b2 = stream.add(2, B);
    merge.received(B, b2);
    for (let i = 0; i < 5; i += 1) await settle();
    assert.deepEqual(target.log, [], 'A has seq 1 on its way');
    merge.received(A, stream.message(1));
    await settle();
    assert.deepEqual(target.log, ['deliver 1 0021700001', 'deliver 2 0021700002']);
  });

  it('moves to a seq it is told of when no game followed has anything before it', async () => {
    const stream = new FakeStream();
    const target = new Recording();
    const merge = new GameMerge(0, target, stream.nextSeq, silentLogger);
    merge.add(A, true);
    stream.add(1, B);
    stream.add(2, C);
    merge.advanceTo(2);
    assert.equal(await merge.reach(2, 1_000), true);
    assert.deepEqual(target.log, ['skip to 2']);
    assert.equal(await merge.reach(9, 30), false, 'nobody said seq 9 is in the stream');
  });

  it('takes a game on with its history as backfill, and holds it once that history reaches the position', async () => {
    const stream = new FakeStream();
    const target = new Recording();
    const merge = new GameMerge(0, target, stream.nextSeq, silentLogger);
    stream.add(1, A);
    stream.add(2, B);
    stream.add(3, A);
    merge.advanceTo(3);
    await merge.reach(3, 1_000);
    merge.add(A);
    assert.equal(merge.isHeld([A]), false);
    const held = merge.held([A], 1_000);
    merge.received(A, stream.message(1, 1));
    merge.received(A, stream.message(3, 0));
    assert.equal(await held, true);
    assert.deepEqual(target.log, ['skip to 3', 'backfill 1 0021700001', 'backfill 3 0021700001']);
    stream.add(4, A);
    merge.received(A, stream.message(4));
    assert.deepEqual(target.log.at(-1), 'deliver 4 0021700001');
  });

  it('waits for a tail with more to come instead of asking the stream', async () => {
    const stream = new FakeStream();
    const merge = new GameMerge(0, new Recording(), stream.nextSeq, silentLogger);
    merge.add(A);
    for (let seq = 1; seq <= 3; seq += 1) stream.add(seq, A);
    await settle();
    const asked = stream.asked;
    merge.received(A, stream.message(1, 2));
    merge.received(A, stream.message(2, 1));
    await settle();
    assert.equal(stream.asked, asked);
  });

  it('stops at a message about another game than its tail\'s, and says why', async () => {
    const stream = new FakeStream();
    const target = new Recording();
    const merge = new GameMerge(0, target, stream.nextSeq, silentLogger);
    merge.add(A, true);
    stream.add(1, B);
    merge.received(A, stream.message(1));
    assert.match(merge.stalled ?? '', /message 1 is about 0021700002, not 0021700001/);
    stream.add(2, A);
    merge.received(A, stream.message(2));
    assert.deepEqual(target.log, []);
  });

  it('lets a game go: it no longer holds the position back', async () => {
    const stream = new FakeStream();
    const target = new Recording();
    const merge = new GameMerge(0, target, stream.nextSeq, silentLogger);
    merge.add(A, true);
    merge.add(B, true);
    stream.add(1, A);
    const b2 = stream.add(2, B);
    merge.received(B, b2);
    merge.remove(A);
    assert.deepEqual(target.log, ['skip to 1', 'deliver 2 0021700002']);
    assert.deepEqual(merge.games, [B]);
  });
});
