/** Small hand-written fakes behind the service's ports, for tests. */
import type { PlayByPlayDocument, RejectedGame, ScoreboardGame, ScoreboardReading } from '../../feed/nba-schemas.ts';
import type { GameContext, HalftimeForecast, HalftimeOutcome, Predictor } from '../../model/predictor.ts';
import { ServerMessage, type Unsequenced } from '../../protocol/messages.ts';
import type { FeedResult } from '../../domain/feed-result.ts';
import type { DurableKey } from '../../domain/message-log.ts';
import type { MessageSink } from '../../domain/message-sink.ts';
import type { LiveFeed } from '../ports.ts';
import type { LiveAction } from '../../game/types.ts';
import type { StoreJournal } from '../journal.ts';

/** A feed whose documents the test sets; `fail` makes the next calls throw. */
export class ScriptedFeed implements LiveFeed {
  games: ScoreboardGame[] = [];
  /** Entries the feed client would have left out of the next scoreboards for failing validation. */
  rejectedGames: RejectedGame[] = [];
  actions = new Map<string, LiveAction[]>();
  failScoreboard: Error | undefined;
  failPlayByPlay = new Map<string, Error>();
  /** A game's play-by-play answers only once its promise settles: a request that hangs. */
  holdPlayByPlay = new Map<string, Promise<void>>();
  /** Game ids in the order their play-by-play was asked for. */
  readonly playByPlayRequests: string[] = [];
  inFlight = 0;
  maxInFlight = 0;

  async scoreboard(): Promise<FeedResult<ScoreboardReading>> {
    if (this.failScoreboard) throw this.failScoreboard;
    const document = { scoreboard: { gameDate: '2017-10-17', games: structuredClone(this.games) }, rejectedGames: [...this.rejectedGames] };
    return { kind: 'fresh', receivedAt: Date.now(), document };
  }

  async playByPlay(gameId: string): Promise<FeedResult<PlayByPlayDocument>> {
    this.playByPlayRequests.push(gameId);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      await this.holdPlayByPlay.get(gameId);
      return this.#playByPlay(gameId);
    } finally {
      this.inFlight -= 1;
    }
  }

  #playByPlay(gameId: string): FeedResult<PlayByPlayDocument> {
    const failure = this.failPlayByPlay.get(gameId);
    if (failure) throw failure;
    const actions = (this.actions.get(gameId) ?? []).map((a) => ({ periodType: a.period > 4 ? 'OVERTIME' : 'REGULAR', ...a }));
    return { kind: 'fresh', receivedAt: Date.now(), document: { game: { gameId, actions } } };
  }
}

/**
 * Collects what would go on the wire, stamping seq and validating every message; with a journal,
 * logs each message (and the record it sends) before "sending" it, as the broadcaster does.
 */
export class RecordingSink implements MessageSink<Unsequenced<ServerMessage>> {
  readonly messages: ServerMessage[] = [];
  readonly #firstSeq: number;
  constructor(private readonly journal?: StoreJournal) {
    this.#firstSeq = (journal?.messageLogHead()?.seq ?? 0) + 1;
  }
  publish(message: Unsequenced<ServerMessage>, key?: DurableKey): number {
    const seq = this.#firstSeq + this.messages.length;
    const stamped = ServerMessage.parse({ ...message, seq });
    this.journal?.appendMessage(seq, 'test-epoch', JSON.stringify(stamped), key);
    this.messages.push(stamped);
    return seq;
  }
  ofType<T extends ServerMessage['type']>(type: T): Array<Extract<ServerMessage, { type: T }>> {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  }
}

/** Forecasts d18 + 1 with ±5, and remembers what it was told. */
export class FixedPredictor implements Predictor {
  readonly modelVersion = 'fixed-test';
  readonly calls: Array<{ pattern: number[]; context: GameContext }> = [];
  readonly outcomes: HalftimeOutcome[] = [];
  predict(pattern: readonly number[], context: GameContext): HalftimeForecast {
    this.calls.push({ pattern: [...pattern], context });
    const d18 = pattern.at(-1) ?? 0;
    return { point: d18 + 1, lower: d18 - 4, upper: d18 + 6, coverage: 0.95, components: { fixed_prediction: d18 + 1 }, modelVersion: this.modelVersion };
  }
  observe(outcome: HalftimeOutcome): void {
    this.outcomes.push(outcome);
  }
}

export function scoreboardGame(overrides: Partial<ScoreboardGame> & { home?: number; away?: number } = {}): ScoreboardGame {
  const { home = 0, away = 0, ...rest } = overrides;
  return {
    gameId: '0021700001',
    gameCode: '20171017/BOSCLE',
    gameStatus: 2,
    gameStatusText: 'Q1 11:00',
    period: 1,
    gameClock: 'PT11M00.00S',
    gameTimeUTC: '2017-10-18T00:00:00Z',
    gameEt: '2017-10-17T20:00:00-04:00',
    homeTeam: { teamTricode: 'CLE', score: home },
    awayTeam: { teamTricode: 'BOS', score: away },
    ...rest,
  };
}
