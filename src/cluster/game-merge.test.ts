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

/** A merge at seq 0 over a fake stream, following `games` from the start. */
function merging(...games: string[]) {
  const stream = new FakeStream();
  const target = new Recording();
  const merge = new GameMerge(0, target, stream.nextSeq, silentLogger);
  for (const gameId of games) merge.add(gameId, true);
  return { stream, target, merge };
}

describe('GameMerge', () => {
  it('releases two games in seq order whichever tail is ahead, with the other games\' seqs as gaps', async () => {
    const { stream, target, merge } = merging(A, B);
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
    const { stream, target, merge } = merging(A, B);
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
    const { stream, target, merge } = merging(A);
    stream.add(1, B);
    stream.add(2, C);
    merge.advanceTo(2);
    assert.equal(await merge.reach(2, 1_000), true);
    assert.deepEqual(target.log, ['skip to 2']);
    assert.equal(await merge.reach(9, 30), false, 'nobody said seq 9 is in the stream');
  });

  it('takes a game on with its history as backfill, and holds it once that history reaches the position', async () => {
    const { stream, target, merge } = merging();
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
    const { stream, merge } = merging();
    merge.add(A);
    for (let seq = 1; seq <= 3; seq += 1) stream.add(seq, A);
    await settle();
    const asked = stream.asked;
    merge.received(A, stream.message(1, 2));
    merge.received(A, stream.message(2, 1));
    await settle();
    assert.equal(stream.asked, asked);
  });

  it('asks the stream again once a tail that owed messages is made again', async () => {
    const { stream, merge } = merging(A);
    stream.add(1, A);
    stream.add(2, B);
    merge.received(A, stream.message(1, 5));
    merge.advanceTo(2);
    await settle();
    assert.equal(merge.position, 1, 'the tail said more was coming');
    merge.tailRestarted(A);
    await settle();
    assert.equal(merge.position, 2);
  });

  it('stops at a message about another game than its tail\'s, and says why', async () => {
    const { stream, target, merge } = merging(A);
    stream.add(1, B);
    merge.received(A, stream.message(1));
    assert.match(merge.stalled ?? '', /message 1 is about 0021700002, not 0021700001/);
    stream.add(2, A);
    merge.received(A, stream.message(2));
    assert.deepEqual(target.log, []);
  });

  it('lets a game go: it no longer holds the position back', async () => {
    const { stream, target, merge } = merging(A, B);
    stream.add(1, A);
    const b2 = stream.add(2, B);
    merge.received(B, b2);
    merge.remove(A);
    assert.deepEqual(target.log, ['skip to 1', 'deliver 2 0021700002']);
    assert.deepEqual(merge.games, [B]);
  });
});

describe('GameMerge over a random night', () => {
  /** A small seeded generator, so a failure can be run again. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`hands on every message of the games followed, once and in seq order, whatever the tails' pace (seed ${seed})`, async () => {
      const next = random(seed);
      const games = ['0021700001', '0021700002', '0021700003', '0021700004', '0021700005'];
      const [a, b, c, late, never] = games as [string, string, string, string, string];
      const total = 300;
      const stream = new FakeStream();
      for (let seq = 1; seq <= total; seq += 1) stream.games.set(seq, games[Math.floor(next() * games.length)] as string);
      let published = 0;
      const publishedOf = (gameId: string, fromSeq: number) => [...stream.games].filter(([seq, g]) => g === gameId && seq >= fromSeq && seq <= published).map(([seq]) => seq);
      const nextSeq = async (gameId: string, fromSeq: number) => {
        await Promise.resolve();
        return publishedOf(gameId, fromSeq)[0];
      };
      const target = new Recording();
      const merge = new GameMerge(0, target, nextSeq, silentLogger);
      // Where each lane's tail has got to.
      const tails = new Map<string, number>([[a, 0], [b, 0], [c, 0]]);
      for (const g of tails.keys()) merge.add(g, true);
      let joinedAt: number | undefined;
      for (let step = 0; step < 5_000 && (published < total || [...tails].some(([g, at]) => publishedOf(g, at + 1).length > 0)); step += 1) {
        const r = next();
        if (r < 0.3 && published < total) published += 1;
        else if (r < 0.9) {
          const lanes = [...tails].filter(([g, at]) => publishedOf(g, at + 1).length > 0);
          const lane = lanes[Math.floor(next() * lanes.length)];
          if (lane) {
            const [g, at] = lane;
            const due = publishedOf(g, at + 1);
            tails.set(g, due[0] as number);
            merge.received(g, stream.message(due[0] as number, due.length - 1));
          }
        } else await settle();
        if (joinedAt === undefined && merge.position >= total / 2) {
          joinedAt = merge.position;
          merge.add(late);
          tails.set(late, 0);
        }
      }
      merge.advanceTo(total);
      for (let i = 0; i < 50 && merge.position < total; i += 1) await settle();
      assert.equal(merge.position, total);
      assert.ok(joinedAt !== undefined);

      // The target saw consecutive seqs: each skip goes forward, each message is the next seq.
      let at = 0;
      const delivered: number[] = [];
      const backfilled: number[] = [];
      for (const event of target.log) {
        const words = event.split(' ');
        const what = words[0];
        const seq = Number(words[what === 'skip' ? 2 : 1]);
        if (what === 'skip') {
          assert.ok(seq > at, `skip to ${seq} at ${at}`);
          at = seq;
        } else if (what === 'deliver') {
          assert.equal(seq, at + 1, event);
          at = seq;
          delivered.push(seq);
        } else backfilled.push(seq);
      }
      const seqsOf = (g: string, from = 1, to = total) => [...stream.games].filter(([seq, game]) => game === g && seq >= from && seq <= to).map(([seq]) => seq);
      const expected = [...seqsOf(a), ...seqsOf(b), ...seqsOf(c), ...seqsOf(late, joinedAt + 1)].sort((x, y) => x - y);
      assert.deepEqual(delivered, expected);
      assert.deepEqual(backfilled, seqsOf(late, 1, joinedAt));
      assert.ok(!target.log.some((event) => event.endsWith(never)), 'a game never followed is never handed on');
    });
  }
});
