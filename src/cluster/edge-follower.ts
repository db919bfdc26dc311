/**
 * What an edge takes from the stream: only the games its clients follow. While some client follows
 * every game (the default, the dashboard, `/api/games`), that is the whole stream, on one tail;
 * otherwise one tail per game, merged back into `seq` order (NATS 2.9 filters a consumer by one
 * subject). A game is held whole or not at all: taking it on loads its history first, and a game
 * no client has followed for `lingerMs` is let go. Changes between the two ways run one at a time.
 */
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { GameMessage } from '../broadcast/index.ts';
import type { Logger } from '../domain/logger.ts';
import { EdgeStream } from './edge-stream.ts';
import { GameMerge, type MergeTarget } from './game-merge.ts';
import { gameSubjects } from './names.ts';
import { nextSeqOn, type StreamMessage, type StreamTail, streamHead, tailStream } from './stream-reader.ts';

export interface FollowTarget extends MergeTarget {
  /** A game let go: its state is dropped (taken on again, it is rebuilt from its history). */
  forget(gameId: string): void;
}

export interface EdgeFollowerOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly target: FollowTarget;
  /** The games the edge's clients follow now; undefined when one of them follows every game. */
  readonly wanted: () => ReadonlySet<string> | undefined;
  readonly logger: Logger;
  /** How long a game (or every game) stays followed after its last client. */
  readonly lingerMs?: number;
  /** How often the edge looks at the stream's head and at what its clients follow. */
  readonly tickMs?: number;
}

type Following =
  | { readonly kind: 'some'; readonly merge: GameMerge; readonly tails: Map<string, StreamTail> }
  | { readonly kind: 'all'; readonly stream: EdgeStream; readonly from: number; readonly held: ReadonlySet<string>; readonly games: Set<string> };

/** How long taking on every game may take (a night is some tens of thousands of messages). */
const CATCH_UP_MS = 60_000;
/** Past this many games one by one, the whole stream costs NATS less than a consumer per game. */
const MAX_GAMES = 32;
const RESTART_MS = 250;

export class EdgeFollower {
  readonly #o: EdgeFollowerOptions;
  readonly #lingerMs: number;
  readonly #tickMs: number;
  #following: Following;
  #changing: Promise<void> = Promise.resolve();
  readonly #lastWanted = new Map<string, number>();
  #allWantedAt = Number.NEGATIVE_INFINITY;
  #received = 0;
  #timer: NodeJS.Timeout | undefined;
  #lagging = new Map<string, number>();
  #tickFailing = false;
  #stopped = false;

  /** `position`: the seq the target stands at. */
  constructor(options: EdgeFollowerOptions, position: number) {
    this.#o = options;
    this.#lingerMs = options.lingerMs ?? 30_000;
    this.#tickMs = options.tickMs ?? 1_000;
    this.#following = this.#some(position, []);
  }

  /** The seq through which the target is complete. */
  get position(): number {
    const f = this.#following;
    return f.kind === 'some' ? f.merge.position : Math.max(f.from, f.stream.seq);
  }

  get stalled(): string | undefined {
    const f = this.#following;
    return f.kind === 'some' ? f.merge.stalled : f.stream.stalled;
  }

  /** `'all'`, or the games followed one by one. */
  get following(): 'all' | string[] {
    const f = this.#following;
    return f.kind === 'all' ? 'all' : f.merge.games;
  }

  /** Messages taken from the stream so far, histories included. */
  get received(): number {
    return this.#received;
  }

  /** Follows on to the stream's head, then keeps up with it and with what clients follow. */
  async start(): Promise<void> {
    await this.#tick();
  }

  /**
   * Readies `games` (undefined: every game) for a client: undefined when they are held already, else
   * resolves once they are.
   */
  hold(asked: ReadonlySet<string> | undefined): Promise<void> | undefined {
    const now = Date.now();
    const f = this.#following;
    const games = asked !== undefined && f.kind === 'some' && new Set([...f.merge.games, ...asked]).size > MAX_GAMES ? undefined : asked;
    if (games === undefined) this.#allWantedAt = now;
    else for (const gameId of games) this.#lastWanted.set(gameId, now);
    return this.#holds(games) ? undefined : this.#hold(games === undefined ? undefined : [...games]);
  }

  /** True once the target reaches `seq`, false if it does not within `withinMs`. */
  async reach(seq: number, withinMs: number): Promise<boolean> {
    const f = this.#following;
    if (f.kind === 'all') return f.stream.reach(seq, withinMs);
    // Only as far as the stream goes: `seq` comes from a client.
    f.merge.advanceTo(Math.min(seq, (await streamHead(this.#o.jsm)).lastSeq));
    return f.merge.reach(seq, withinMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#end(this.#following);
  }

  #holds(games: ReadonlySet<string> | readonly string[] | undefined): boolean {
    const f = this.#following;
    if (f.kind === 'all') return f.stream.seq >= f.from;
    return games !== undefined && f.merge.isHeld([...games]);
  }

  async #hold(games: readonly string[] | undefined): Promise<void> {
    const deadline = Date.now() + CATCH_UP_MS;
    while (!this.#holds(games)) {
      const left = deadline - Date.now();
      if (this.#stopped) throw new Error('edge stopped');
      if (this.stalled !== undefined) throw new Error(`stream stopped: ${this.stalled}`);
      if (left <= 0) throw new Error(`games not taken on within ${CATCH_UP_MS} ms`);
      const f = this.#following;
      if (f.kind === 'all') {
        await f.stream.reach(f.from, left);
      } else if (games === undefined) {
        await this.#change(() => this.#followAll());
      } else {
        for (const gameId of games) this.#take(f, gameId);
        await f.merge.held(games, left);
      }
    }
  }

  /** One change of how the stream is followed at a time. */
  #change(change: () => Promise<void>): Promise<void> {
    this.#changing = this.#changing.then(change, change);
    return this.#changing;
  }

  #some(position: number, held: readonly string[]): Following & { kind: 'some' } {
    const nextSeq = (gameId: string, fromSeq: number): Promise<number | undefined> => nextSeqOn(this.#o.jsm, gameSubjects(gameId), fromSeq);
    const merge = new GameMerge(position, this.#o.target, nextSeq, this.#o.logger);
    const following = { kind: 'some' as const, merge, tails: new Map<string, StreamTail>() };
    for (const gameId of held) {
      merge.add(gameId, true);
      this.#tail(following, gameId, position + 1);
    }
    return following;
  }

  /** Takes a game on, from its first message. */
  #take(f: Following & { kind: 'some' }, gameId: string): void {
    if (f.merge.has(gameId)) return;
    f.merge.add(gameId);
    this.#tail(f, gameId, 1);
  }

  #tail(f: Following & { kind: 'some' }, gameId: string, fromSeq: number): void {
    const onMessage = (raw: StreamMessage): void => {
      this.#received += 1;
      f.merge.received(gameId, raw);
    };
    const retry = (what: string, error?: unknown): void => {
      if (this.#following !== f || !f.merge.has(gameId)) return;
      this.#o.logger.warn({ err: error, game: gameId }, `${what}; following on from the game's last seq`);
      setTimeout(() => {
        if (this.#following === f && f.merge.has(gameId)) this.#restartTail(f, gameId);
      }, RESTART_MS).unref();
    };
    f.tails.get(gameId)?.stop();
    f.tails.delete(gameId);
    tailStream(this.#o.js, fromSeq, onMessage, gameSubjects(gameId)).then(
      (tail) => {
        if (this.#following !== f || !f.merge.has(gameId)) return tail.stop();
        f.tails.set(gameId, tail);
        void tail.ended.then(
          () => f.tails.get(gameId) === tail && retry('game tail ended'),
          (error: unknown) => f.tails.get(gameId) === tail && retry('game tail failed', error),
        );
      },
      (error: unknown) => retry('game tail did not start', error),
    );
  }

  /** From one tail per game to the whole stream: every game not held yet is taken on from its history. */
  async #followAll(): Promise<void> {
    const f = this.#following;
    if (f.kind === 'all' || this.#stopped) return;
    const head = await streamHead(this.#o.jsm);
    this.#end(f);
    const from = f.merge.position;
    const held = new Set(f.merge.games.filter((gameId) => f.merge.isHeld([gameId])));
    for (const gameId of f.merge.games) if (!held.has(gameId)) this.#o.target.forget(gameId);
    const stream = new EdgeStream(this.#o.js, Math.max(0, head.firstSeq - 1), (message, raw) => this.#fromStream(message, raw), this.#o.logger);
    const following: Following = { kind: 'all', stream, from, held, games: new Set(held) };
    this.#following = following;
    this.#o.logger.info({ seq: from, held: held.size }, 'following every game');
    for (;;) {
      try {
        await stream.start();
        break;
      } catch (error) {
        if (this.#stopped || this.#following !== following) return;
        this.#o.logger.warn({ err: error }, 'stream tail did not start; trying again');
        await new Promise((resolve) => setTimeout(resolve, RESTART_MS));
      }
    }
    stream.watch(async (seq) => (await streamHead(this.#o.jsm)).lastSeq > seq);
  }

  #fromStream(message: GameMessage, raw: StreamMessage): void {
    this.#received += 1;
    const f = this.#following;
    if (f.kind !== 'all') return;
    f.games.add(message.game_id);
    if (raw.seq > f.from) this.#o.target.deliver(message, raw);
    else if (!f.held.has(message.game_id)) this.#o.target.backfill(message, raw);
  }

  /** From the whole stream to the games clients follow (or followed within `lingerMs`). */
  async #followSome(): Promise<void> {
    const f = this.#following;
    if (f.kind === 'some' || this.#stopped || !this.#holds(undefined)) return;
    // Clients may follow a game the stream has nothing of yet: it is kept too.
    const kept = [...new Set([...f.games, ...this.#lastWanted.keys()])].filter((gameId) => this.#wanted(gameId));
    this.#end(f);
    for (const gameId of f.games) if (!kept.includes(gameId)) this.#o.target.forget(gameId);
    this.#following = this.#some(this.position, kept);
    this.#o.logger.info({ seq: f.stream.seq, games: kept }, 'following only the games clients follow');
  }

  #end(f: Following): void {
    if (f.kind === 'all') {
      f.stream.stop();
      return;
    }
    f.merge.stop();
    for (const tail of f.tails.values()) tail.stop();
    f.tails.clear();
  }

  #wanted(gameId: string): boolean {
    return Date.now() - (this.#lastWanted.get(gameId) ?? Number.NEGATIVE_INFINITY) <= this.#lingerMs;
  }

  async #tick(): Promise<void> {
    try {
      const wanted = this.#o.wanted();
      const now = Date.now();
      if (wanted === undefined) this.#allWantedAt = now;
      else for (const gameId of wanted) this.#lastWanted.set(gameId, now);
      const f = this.#following;
      if (f.kind === 'all') {
        if (now - this.#allWantedAt > this.#lingerMs) await this.#change(() => this.#followSome());
      } else {
        for (const gameId of f.merge.games) if (!this.#wanted(gameId)) this.#letGo(f, gameId);
        this.#restartStuck(f);
        f.merge.advanceTo((await streamHead(this.#o.jsm)).lastSeq);
      }
      // Games asked for once and long gone (any 10-digit id passes the protocol) are not remembered.
      for (const [gameId, at] of this.#lastWanted) if (now - at > this.#lingerMs) this.#lastWanted.delete(gameId);
      if (this.#tickFailing) this.#o.logger.info({}, 'the stream answers again');
      this.#tickFailing = false;
    } catch (error) {
      // Once per outage, not once a tick.
      if (!this.#tickFailing) this.#o.logger.warn({ err: error }, 'could not look at the stream; trying every tick');
      this.#tickFailing = true;
    } finally {
      if (!this.#stopped) this.#timer = setTimeout(() => void this.#tick(), this.#tickMs).unref();
    }
  }

  #letGo(f: Following & { kind: 'some' }, gameId: string): void {
    f.tails.get(gameId)?.stop();
    f.tails.delete(gameId);
    f.merge.remove(gameId);
    this.#o.target.forget(gameId);
  }

  /** A tail that got nowhere for a whole tick while its game has more in the stream is made again (seen across a node restart). */
  #restartStuck(f: Following & { kind: 'some' }): void {
    const lagging = f.merge.lagging();
    for (const [gameId, clear] of lagging) {
      if (this.#lagging.get(gameId) === clear) this.#restartTail(f, gameId);
    }
    this.#lagging = lagging;
  }

  #restartTail(f: Following & { kind: 'some' }, gameId: string): void {
    this.#tail(f, gameId, (f.merge.clearOf(gameId) ?? 0) + 1);
    f.merge.tailRestarted(gameId);
  }
}
