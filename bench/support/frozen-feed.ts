/**
 * A `LiveFeed` over a replayed night at a simulated instant the bench sets, with no network: the
 * documents are serialized by `at()` (the CDN's work, untimed), and each call does with a body
 * exactly what `NbaFeedClient` does (its play-by-play reader and incremental schema, or the whole
 * body through JSON.parse and the zod schema), so a timed cycle includes parsing.
 */
import { parseWhole } from '../../src/feed/attempt.ts';
import { ENDPOINT_SCHEMAS } from '../../src/feed/endpoints.ts';
import { IncrementalPlayByPlaySchema } from '../../src/feed/incremental-pbp.ts';
import { PlayByPlayReader } from '../../src/feed/play-by-play-reader.ts';
import type { PlayByPlayDocument, ScoreboardDocument } from '../../src/feed/nba-schemas.ts';
import { playByPlayDocument, scoreboardDocument } from '../../src/replay/documents.ts';
import { publishedCount } from '../../src/replay/game-state.ts';
import type { Night, NightGame } from '../../src/replay/night.ts';
import type { FeedResult } from '../../src/domain/feed-result.ts';
import type { LiveFeed } from '../../src/service/ports.ts';

export interface FrozenFeedOptions {
  /** true: an unchanged document answers `not_modified` (what ETags give); false: every call parses. */
  readonly conditional: boolean;
  /**
   * true: play-by-play read as the client reads it, against the game's previous body; false: every
   * body parsed and validated whole, as by a client that remembers nothing.
   */
  readonly incremental: boolean;
}

export class FrozenFeed implements LiveFeed {
  readonly #games: Map<string, NightGame>;
  readonly #night: Night;
  readonly #conditional: boolean;
  readonly #incremental: boolean;
  readonly #reader = new PlayByPlayReader();
  readonly #playByPlaySchema = new IncrementalPlayByPlaySchema();
  readonly #bodies = new Map<string, Buffer>();
  /** Actions each game's body was built with: the same count makes the same bytes. */
  readonly #published = new Map<string, number>();
  /** The body each document last answered with in full: what the client's ETag stands for. */
  readonly #served = new Map<string, Buffer>();
  /** Since the last `at()`: milliseconds in JSON.parse, in schema validation, and what was parsed. */
  jsonMs = 0;
  schemaMs = 0;
  documentsParsed = 0;
  bytesParsed = 0;

  constructor(night: Night, options: FrozenFeedOptions) {
    this.#night = night;
    this.#games = new Map(night.games.map((g) => [g.gameId, g]));
    this.#conditional = options.conditional;
    this.#incremental = options.incremental;
  }

  get reader(): PlayByPlayReader {
    return this.#reader;
  }

  /** Serves the night as of simulated instant `t` from now on. */
  at(t: number): void {
    this.jsonMs = 0;
    this.schemaMs = 0;
    this.documentsParsed = 0;
    this.bytesParsed = 0;
    this.#bodies.set('scoreboard', Buffer.from(JSON.stringify(scoreboardDocument(this.#night, t))));
    for (const game of this.#games.values()) {
      // Like the CDN: no document before the tip (a 403 the pipeline never asks for, since the scoreboard says scheduled).
      const published = publishedCount(game, t);
      if (published === 0 || this.#published.get(game.gameId) === published) continue;
      this.#published.set(game.gameId, published);
      this.#bodies.set(game.gameId, Buffer.from(JSON.stringify(playByPlayDocument(game, t))));
    }
  }

  async scoreboard(): Promise<FeedResult<ScoreboardDocument>> {
    return this.#answer('scoreboard', parseWhole, (json) => ENDPOINT_SCHEMAS.scoreboard.parse(json));
  }

  async playByPlay(gameId: string): Promise<FeedResult<PlayByPlayDocument>> {
    if (!this.#incremental) return this.#answer(gameId, parseWhole, (json) => ENDPOINT_SCHEMAS.playbyplay.parse(json));
    return this.#answer(gameId, (url, body) => this.#reader.read(url, body), (json) => {
      const parsed = this.#playByPlaySchema.safeParse(json);
      if (!parsed.success) throw parsed.error;
      return parsed.data;
    });
  }

  #answer<T>(key: string, read: (url: string, body: Uint8Array) => unknown, parse: (json: unknown) => T): FeedResult<T> {
    const body = this.#bodies.get(key);
    if (body === undefined) throw new Error(`frozen feed: no document for ${key} yet`);
    if (this.#conditional && this.#served.get(key)?.equals(body)) return { kind: 'not_modified', receivedAt: Date.now() };
    this.#served.set(key, body);
    const started = performance.now();
    const json: unknown = read(key, body);
    const parsed = performance.now();
    const document = parse(json);
    this.jsonMs += parsed - started;
    this.schemaMs += performance.now() - parsed;
    this.documentsParsed += 1;
    this.bytesParsed += body.length;
    return { kind: 'fresh', document, receivedAt: Date.now() };
  }
}
