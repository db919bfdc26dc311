/**
 * The latest state of every game this client follows, and of the server's feed, rebuilt from the
 * stream alone: a snapshot
 * replaces everything (whatever its epoch), and each later message lands on its game once. Within
 * an epoch `seq` only grows, so a message at or below the last one applied is a duplicate.
 *
 * A game's state has the shape of a `snapshot` entry: what the server itself would report for it
 * now. Game objects are replaced, never changed in place, so a changed game is a new object; the
 * map itself is one object for the client's whole life.
 */
import type { FeedCondition, GameMessage, GameSnapshot, ServerMessage, Snapshot } from './wire.ts';

export type GameState = GameSnapshot;

/** Where this client is in the stream: what it resumes from after a reconnect. */
export interface Position {
  readonly epoch: string;
  readonly seq: number;
}

export type Applied =
  /** Already applied (same epoch, seq not newer): nothing changed. */
  | { readonly kind: 'duplicate' }
  /** A snapshot replaced every game; `feedChanged` when it also changed the feed's condition. */
  | { readonly kind: 'snapshot'; readonly feedChanged: boolean }
  /** A `feed_status`: the feed's condition changed. */
  | { readonly kind: 'feed' }
  /** A game message: `game` is its new state, or undefined for a game this client has not been introduced to. */
  | { readonly kind: 'game'; readonly game: GameState | undefined }
  /** Anything else (an `error` reply): no state. */
  | { readonly kind: 'other' };

export class GameBook {
  readonly #games = new Map<string, GameState>();
  #epoch: string | undefined;
  #seq = -1;
  #feed: FeedCondition | null = null;

  get games(): ReadonlyMap<string, GameState> {
    return this.#games;
  }

  /** The feed's condition as of the last `feed_status` or snapshot; null while the server has not said. */
  get feed(): FeedCondition | null {
    return this.#feed;
  }

  /** Undefined until the first snapshot. */
  get position(): Position | undefined {
    return this.#epoch === undefined ? undefined : { epoch: this.#epoch, seq: this.#seq };
  }

  apply(message: ServerMessage): Applied {
    if (message.type === 'snapshot') {
      const before = this.#feed;
      this.#replace(message);
      return { kind: 'snapshot', feedChanged: JSON.stringify(before) !== JSON.stringify(this.#feed) };
    }
    if (message.type === 'error') return { kind: 'other' };
    if (message.seq <= this.#seq) return { kind: 'duplicate' };
    this.#seq = message.seq;
    if (message.type === 'feed_status') {
      const { type: _t, seq: _s, timestamp: _ts, ...feed } = message;
      this.#feed = feed;
      return { kind: 'feed' };
    }
    return { kind: 'game', game: this.#update(message) };
  }

  #replace(snapshot: Snapshot): void {
    this.#games.clear();
    for (const game of snapshot.games) this.#games.set(game.game_id, game);
    this.#epoch = snapshot.epoch;
    this.#seq = snapshot.seq;
    this.#feed = snapshot.feed_status ?? null;
  }

  #update(message: GameMessage): GameState | undefined {
    const known = this.#games.get(message.game_id);
    let next: GameState;
    if (message.type === 'score_update') {
      next = known
        ? { ...known, data: message.data, updated_at: message.timestamp }
        : { game_id: message.game_id, data: message.data, pattern: [], approximate: false, prediction: null, halftime: null, minute_forecast: null, updated_at: message.timestamp };
    } else if (!known) {
      // The server introduces every game with a score_update (or a snapshot): never invent one.
      return undefined;
    } else if (message.type === 'pattern_progress') {
      next = { ...known, pattern: message.pattern, approximate: message.approximate, updated_at: message.timestamp };
    } else if (message.type === 'forecast_update') {
      const { type: _t, seq: _s, timestamp, game_id: _g, ...forecast } = message;
      next = { ...known, minute_forecast: { ...forecast, made_at: timestamp } };
    } else if (message.type === 'ml_prediction') {
      const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...prediction } = message;
      next = { ...known, prediction };
    } else {
      const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...halftime } = message;
      next = { ...known, halftime };
    }
    this.#games.set(next.game_id, next);
    return next;
  }
}
