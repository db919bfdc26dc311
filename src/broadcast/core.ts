/**
 * The stream's protocol core, apart from any transport: sessions, subscriptions, snapshots,
 * resume (a page per turn, from memory or the archive), slow clients, each client's output
 * budget and rate limits, error replies, a new epoch announced to everyone, and the counters.
 * It takes its messages from a source (`deliver`, `startEpoch`: the `Publisher` in one process),
 * its older history from a `MessageArchive`, and its connections from a transport as
 * `StreamSocket`s (`use/ws.ts`), whose `encode` it uses to build each message's bytes once.
 * A source that follows only its clients' games (an edge) drives it as a `SparseTarget`: the seqs
 * of other games are gaps (`skipTo`), filled (`fill`) once a client asks for such a game, which
 * `hold` readies before that client is answered.
 */
import type { ClientMessage, ErrorMessage, FeedCondition, FeedStatus, GameSnapshot } from '../protocol/messages.ts';
import { readClientFrame, type ClientInput } from './client-input.ts';
import { Client } from './client.ts';
import { readConnectQuery } from './connect-query.ts';
import { BroadcastError, CLOSE_CAUSES, CloseCode, type CloseCause } from './errors.ts';
import { FlushWaiters } from './flush-waiters.ts';
import { History, makeFrame, type Frame } from './history.ts';
import { LogThrottle } from './log-throttle.ts';
import type { BroadcastLogger } from './logger.ts';
import { Outgoing } from './outgoing.ts';
import { OutputBudget } from './output-budget.ts';
import { InboundLimits, RATE_LIMIT_KINDS, rateLimitReason, type RateLimitKind, type RateLimitPolicy } from './rate-limits.ts';
import { readPage, startResume, type ReplaySource } from './replay.ts';
import { ReplayQueue } from './replay-queue.ts';
import { SlowClients } from './slow-clients.ts';
import type { Connection, Encode, FrameData, SocketHost, StreamSocket, TransportFailure } from './socket.ts';
import type { GameHold, MessageArchive, SequencedMessage, SparseTarget } from './source.ts';
import { Tally } from './tally.ts';

/** Validated by `resolveOptions` (`options.ts`), where each is documented. */
export interface CoreOptions {
  readonly snapshot: () => readonly GameSnapshot[];
  readonly maxPayloadBytes: number;
  readonly historySize: number;
  readonly slowClientBytes: number;
  readonly slowClientTimeoutMs: number;
  readonly outputBudgetBytes: number;
  /** How long replays under way may go on once `close()` is called. */
  readonly closeGraceMs: number;
  readonly rateLimits: RateLimitPolicy;
  readonly resumeWindow: number;
  readonly resumePageSize: number;
  readonly validateOutgoing: boolean;
  readonly logger: BroadcastLogger;
  /** Where the stream stands: its epoch and the seq of its last message. */
  readonly epoch: string;
  readonly seq: number;
  readonly archive: MessageArchive | undefined;
  /** The transport's encoding (`use/ws.ts`: a WebSocket text frame). */
  readonly encode: Encode;
  /**
   * A source that holds only the games its clients follow (an edge) readies them first: undefined
   * when `games` (undefined: every game) are held already, else a promise that resolves once they
   * are. Until then the client asking is not answered (a greeting waits, a subscribe keeps the old
   * games), and what it sends meanwhile is handled after, in order; a rejection closes it (1011).
   * None: every game is held, always.
   */
  readonly hold?: GameHold | undefined;
}

export interface StreamStats {
  readonly epoch: string;
  /** The seq of the last published message. */
  readonly seq: number;
  readonly clients: number;
  readonly slowClients: number;
  /** Messages handed to `publish`. */
  readonly published: number;
  /** Messages written to client sockets, snapshots and errors included. */
  readonly sent: number;
  /** `score_update`s a slow client never got because a newer one replaced them. */
  readonly droppedScoreUpdates: number;
  /** Client frames answered with an `error` message. */
  readonly clientErrors: number;
  readonly slowDisconnects: number;
  readonly deadPeersTerminated: number;
  /** Clients being replayed their history right now. */
  readonly replaying: number;
  /** Connections ended, by cause, each counted once. */
  readonly closes: Readonly<Record<CloseCause, number>>;
  /** Requests over a rate limit, by limit; each closed its client. */
  readonly rateLimited: Readonly<Record<RateLimitKind, number>>;
}

/** Rate-limit and budget closes reach the log at most this often per cause; all are counted. */
const LOG_EVERY_MS = 1_000;

type Resume = Extract<ClientMessage, { type: 'resume' }>;

export class StreamCore implements SocketHost, SparseTarget {
  readonly #options: CoreOptions;
  #epoch: string;
  #seq: number;
  /** The latest `feed_status` delivered, for snapshots; undefined until the source judged its feed. */
  #feed: FeedCondition | undefined;
  readonly #history: History;
  readonly #outgoing: Outgoing;
  readonly #clients = new Set<Client>();
  readonly #slow: SlowClients;
  readonly #flush: FlushWaiters;
  readonly #replays: ReplayQueue<Client>;
  readonly #budget: OutputBudget;
  readonly #closes = new Tally(CLOSE_CAUSES);
  readonly #rateLimited = new Tally(RATE_LIMIT_KINDS);
  readonly #closeLog: LogThrottle;
  #nextClientId = 1;
  #closing: Promise<void> | undefined;
  #counts = { published: 0, sent: 0, clientErrors: 0 };

  constructor(options: CoreOptions) {
    this.#options = options;
    const o = options;
    this.#epoch = o.epoch;
    this.#seq = o.seq;
    this.#outgoing = new Outgoing(o.validateOutgoing);
    this.#history = new History(o.historySize);
    this.#slow = new SlowClients({
      thresholdBytes: o.slowClientBytes,
      timeoutMs: o.slowClientTimeoutMs,
      onCaughtUp: (client, owed) => this.#caughtUp(client, owed),
      onTimeout: (client) => this.#slowTimeout(client),
    });
    this.#flush = new FlushWaiters(() => this.#isFlushed());
    this.#budget = new OutputBudget(o.outputBudgetBytes);
    this.#replays = new ReplayQueue<Client>({ paceBytes: o.slowClientBytes, stallMs: o.slowClientTimeoutMs }, {
      read: (afterSeq) => readPage(this.#replaySource(), afterSeq, o.resumePageSize),
      head: () => this.#seq,
      deliver: (client, frames) => this.#deliverPage(client, frames),
      finished: () => this.#flush.check(),
      failed: (client, page) => this.#resumeRefused(client, page.reason, page.failure),
      stalled: (client) => this.#slowTimeout(client),
    });
    this.#closeLog = new LogThrottle(LOG_EVERY_MS, (cause, suppressed) => o.logger.warn({ cause, suppressed }, `${suppressed} more clients closed (${cause}) in the last second`));
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  get seq(): number {
    return this.#seq;
  }

  get epoch(): string {
    return this.#epoch;
  }

  /** Keeps the message for `resume` and sends it to the subscribers of its game (a `feed_status` to every client). */
  deliver(message: SequencedMessage): void {
    if (message.seq !== this.#seq + 1) {
      throw new BroadcastError('out_of_sequence', `message ${message.seq} does not follow ${this.#seq}: a source must deliver consecutive seqs`);
    }
    const frame = makeFrame(message.seq, message.type, message.gameId, this.#options.encode(message.json));
    this.#history.append(frame);
    this.#seq = frame.seq;
    this.#counts.published += 1;
    if (message.type === 'feed_status') {
      const { type: _t, seq: _s, timestamp: _ts, ...feed } = JSON.parse(message.json) as FeedStatus;
      this.#feed = feed;
    }
    for (const client of this.#clients) {
      // A client being replayed to gets this frame from history, in order, with its last page.
      if (!client.greeted || !client.wants(frame.gameId) || this.#replays.has(client)) continue;
      if (this.#slow.isBehind(client)) {
        if (this.#fits(client, frame.wire.length)) client.backlog?.add(frame);
        continue;
      }
      this.#sendFrame(client, frame);
    }
  }

  /** Seqs after `seq` through `toSeq` are other games' messages: kept as gaps, sent to no one (`SparseTarget`). */
  skipTo(toSeq: number): void {
    if (!Number.isInteger(toSeq) || toSeq < this.#seq) {
      throw new BroadcastError('out_of_sequence', `cannot skip to ${toSeq} from ${this.#seq}: seqs only go forward`);
    }
    if (toSeq === this.#seq) return;
    this.#history.appendGaps(this.#seq + 1, toSeq);
    this.#seq = toSeq;
  }

  /** A past message where a gap is: kept for later resumes if memory still holds its seq, sent to no one (`SparseTarget`). */
  fill(message: SequencedMessage): void {
    if (message.seq > this.#seq) {
      throw new BroadcastError('out_of_sequence', `message ${message.seq} is ahead of ${this.#seq}: only a past seq can be filled`);
    }
    const oldest = this.#history.oldestSeq;
    if (oldest === undefined || message.seq < oldest) return;
    this.#history.fill(makeFrame(message.seq, message.type, message.gameId, this.#options.encode(message.json)));
  }

  /** The games the clients follow or wait for, together; undefined when any of them wants every game (`SparseTarget`). */
  wantedGames(): ReadonlySet<string> | undefined {
    const wanted = new Set<string>();
    for (const client of this.#clients) {
      const sets = client.greeted ? [client.filter] : [];
      if (client.holding) sets.push(client.holding.games);
      for (const games of sets) {
        if (games === undefined) return undefined;
        for (const game of games) wanted.add(game);
      }
    }
    return wanted;
  }

  startEpoch(epoch: string): void {
    this.#epoch = epoch;
    // A client still waiting for its greeting gets it under the new epoch.
    for (const client of this.#clients) if (client.greeted) this.#sendSnapshot(client);
  }

  /** Greets the connection with a snapshot, or with the replay its query asks for, once `hold` has its games. */
  open(socket: StreamSocket, connection: Connection): void {
    const client = new Client(this.#nextClientId++, socket, connection.address, new InboundLimits(this.#options.rateLimits));
    if (this.#closing) {
      socket.listen({ message: () => {}, failed: (cause, detail) => this.#failed(client, cause, detail), closed: () => client.socketClosed() });
      void client.close(CloseCode.GOING_AWAY, 'server shutting down');
      return;
    }
    this.#clients.add(client);
    socket.listen({
      message: (data, isBinary) => this.#received(client, data, isBinary),
      failed: (cause, detail) => this.#failed(client, cause, detail),
      closed: (code) => this.#left(client, code),
    });
    this.#options.logger.debug({ client: client.id, address: client.address, clients: this.#clients.size }, 'client connected');
    const query = readConnectQuery(connection.query);
    for (const problem of query.problems) this.#sendError(client, problem.code, problem.message);
    const games = query.subscribe ? filterOf(query.subscribe.game_ids) : undefined;
    const greet = (): void => {
      client.greeted = true;
      client.filter = games;
      if (query.resume) this.#resume(client, query.resume);
      else this.#sendSnapshot(client);
    };
    const held = this.#hold(games);
    if (!held) {
      greet();
      return;
    }
    // Counted and limited already, but sent nothing until its games are held.
    client.greeted = false;
    this.#awaitHold(client, games, held, greet);
  }

  stats(): StreamStats {
    return {
      epoch: this.#epoch,
      seq: this.#seq,
      clients: this.#clients.size,
      slowClients: this.#slow.count,
      droppedScoreUpdates: this.#slow.dropped,
      ...this.#counts,
      slowDisconnects: this.#closes.get('slow_consumer'),
      deadPeersTerminated: this.#closes.get('dead_peer'),
      replaying: this.#replays.size,
      closes: this.#closes.counts(),
      rateLimited: this.#rateLimited.counts(),
    };
  }

  /** Resolves once every client's send buffer and backlog are empty (clients that leave stop counting). */
  whenFlushed(): Promise<void> {
    return this.#flush.wait();
  }

  /**
   * Lets replays under way finish (within `closeGraceMs`), then closes every client with 1001;
   * resolves when all are closed. Connections opened later are closed at once.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#slow.stop();
    // A client that resumed just before a restart gets the rest of its gap, within the close grace.
    await this.#replaysDone(this.#options.closeGraceMs);
    this.#replays.stop();
    const closed = [...this.#clients].map((client) => this.#closeClient(client, 'shutdown', CloseCode.GOING_AWAY, 'server shutting down'));
    this.#closeLog.flush();
    await Promise.all(closed);
    this.#flush.check();
  }

  async #replaysDone(withinMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#replays.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)))]);
    clearTimeout(timer);
  }

  #received(client: Client, data: FrameData, isBinary: boolean): void {
    if (client.closing || !this.#withinLimit(client, 'messages')) return;
    const input = readClientFrame(data, isBinary, this.#options.maxPayloadBytes);
    if (input.ok && !this.#withinLimit(client, input.message.type === 'resume' ? 'resumes' : 'subscribes')) return;
    // Limits count at receipt; what comes while a hold is pending is handled after it, in order.
    if (client.holding) client.waiting.push(input);
    else this.#handle(client, input);
  }

  #handle(client: Client, input: ClientInput): void {
    if (!input.ok) {
      this.#counts.clientErrors += 1;
      this.#options.logger.debug({ client: client.id, address: client.address, code: input.code }, input.message);
      this.#sendError(client, input.code, input.message);
      return;
    }
    const message = input.message;
    if (message.type === 'resume') {
      this.#resume(client, message);
      return;
    }
    const filter = filterOf(message.game_ids);
    const held = this.#hold(filter);
    // Until its new games are held, the client goes on with its old ones.
    if (held) this.#awaitHold(client, filter, held, () => this.#subscribed(client, filter));
    else this.#subscribed(client, filter);
  }

  #subscribed(client: Client, filter: ReadonlySet<string> | undefined): void {
    // The latest request wins: the snapshot below supersedes a replay still running.
    this.#replays.forget(client);
    client.filter = filter;
    const games = this.#games(client);
    if (!games) return;
    const tracked = new Set(games.map((game) => game.game_id));
    const unknown = client.filter ? [...client.filter].filter((id) => !tracked.has(id)) : [];
    if (unknown.length > 0) this.#sendError(client, 'unknown_game', `not tracked (yet), subscribed anyway: ${unknown.join(', ')}`);
    this.#sendSnapshot(client, games);
  }

  /** What `hold` answers for these games: undefined when they are held (or there is no hold); a throw becomes a rejection. */
  #hold(games: ReadonlySet<string> | undefined): Promise<void> | undefined {
    const hold = this.#options.hold;
    if (!hold) return undefined;
    try {
      return hold(games) ?? undefined;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Runs `then` once the hold resolves, then what the client sent meanwhile, in order (until one of
   * those waits on a hold in turn). A client gone meanwhile is dropped; a rejection closes it (1011).
   */
  #awaitHold(client: Client, games: ReadonlySet<string> | undefined, held: Promise<void>, then: () => void): void {
    client.holding = { games };
    const settled = (next: () => void): void => {
      client.holding = undefined;
      if (!this.#isOpen(client)) {
        client.waiting.length = 0;
        return;
      }
      next();
      while (this.#isOpen(client) && !client.holding) {
        const input = client.waiting.shift();
        if (!input) break;
        this.#handle(client, input);
      }
      if (!this.#isOpen(client)) client.waiting.length = 0;
    };
    Promise.resolve(held)
      .then(
        () => settled(then),
        (error: unknown) => settled(() => this.#snapshotFailed(client, error ?? new Error('hold rejected'))),
      )
      .catch((error: unknown) => {
        if (this.#isOpen(client)) this.#snapshotFailed(client, error);
        else this.#options.logger.error({ client: client.id, err: (error as Error)?.message }, 'answering a held client failed');
      });
  }

  #isOpen(client: Client): boolean {
    return !client.closing && this.#clients.has(client);
  }

  /**
   * Replays what the client missed exactly once and in order, a page per turn from the next turn
   * on, or sends a snapshot marked `resumed: false`.
   */
  #resume(client: Client, { epoch, last_seq: lastSeq }: Resume): void {
    this.#replays.forget(client);
    const start = startResume(this.#replaySource(), { epoch, lastSeq, lastSentSeq: client.lastSentSeq }, this.#options.resumeWindow);
    if (!start.ok) {
      this.#resumeRefused(client, start.reason);
      return;
    }
    // The latest request wins: a replay replaces the backlog and any snapshot owed to a slow client.
    this.#slow.forget(client);
    client.snapshotOwed = undefined;
    if (start.afterSeq < this.#seq) this.#replays.start(client, start.afterSeq);
  }

  #resumeRefused(client: Client, reason: string, failure?: string): void {
    const fields = { client: client.id, seq: this.#seq, reason };
    if (failure) this.#options.logger.error({ ...fields, err: failure }, 'resume answered with a snapshot');
    else this.#options.logger.debug(fields, 'resume answered with a snapshot');
    this.#sendSnapshot(client, undefined, false);
  }

  #replaySource(): ReplaySource {
    return { epoch: this.#epoch, seq: this.#seq, history: this.#history, archive: this.#options.archive, encode: this.#options.encode };
  }

  /** One page of a replay (gaps and other games left out); the client's budget covers the page as a whole. */
  #deliverPage(client: Client, frames: readonly Frame[]): boolean {
    const wanted = frames.filter((frame) => !frame.gap && client.wants(frame.gameId));
    const bytes = wanted.reduce((sum, frame) => sum + frame.wire.length, 0);
    if (!this.#fits(client, bytes)) return false;
    for (const frame of wanted) this.#sendFrame(client, frame);
    return true;
  }

  #sendSnapshot(client: Client, games?: GameSnapshot[], resumed?: false): void {
    if (client.backlog) {
      // A client that is not reading gets one fresh snapshot when it catches up, not one per request.
      client.backlog.clear();
      client.snapshotOwed = resumed === false ? { resumed } : {};
      this.#options.logger.debug({ client: client.id, address: client.address }, 'snapshot deferred until the client catches up');
      return;
    }
    games ??= this.#games(client);
    if (!games) return;
    let wire: Buffer;
    try {
      wire = this.#options.encode(this.#outgoing.snapshot(this.#epoch, this.#seq, games, resumed, this.#feed));
    } catch (error) {
      this.#snapshotFailed(client, error);
      return;
    }
    if (!this.#fits(client, wire.length)) return;
    client.sendText(wire, this.#seq);
    this.#counts.sent += 1;
    this.#slow.isBehind(client);
  }

  /** The games this client follows, or undefined when the provider failed (the client is closed). */
  #games(client: Client): GameSnapshot[] | undefined {
    try {
      return this.#options.snapshot().filter((game) => client.wants(game.game_id));
    } catch (error) {
      this.#snapshotFailed(client, error);
      return undefined;
    }
  }

  /**
   * A client without its snapshot has nothing to apply updates to: close it (1011) rather than
   * send a partial or invalid state. With `validateOutgoing`, a snapshot the contract rejects
   * ends here too, so a test waiting for it fails instead of passing on a bad message.
   */
  #snapshotFailed(client: Client, error: unknown): void {
    const code = error instanceof BroadcastError ? error.code : undefined;
    this.#options.logger.error({ client: client.id, code, err: (error as Error)?.message }, 'snapshot unavailable; closing the client');
    void this.#closeClient(client, 'snapshot_unavailable', CloseCode.INTERNAL_ERROR, 'snapshot unavailable');
  }

  #sendError(client: Client, code: ErrorMessage['code'], text: string): void {
    // A client that is not reading cannot act on errors; queueing them would let it grow our memory.
    if (client.backlog) return;
    const wire = this.#options.encode(this.#outgoing.error(client.position, code, text));
    if (!this.#fits(client, wire.length)) return;
    client.sendText(wire, client.position);
    this.#counts.sent += 1;
  }

  /** Whether `bytes` more may be held for this client; if not, it is closed (4009). */
  #fits(client: Client, bytes: number): boolean {
    if (!this.#budget.exceededBy(client, bytes)) return true;
    const reason = this.#budget.reason;
    if (this.#closeLog.admit('output_budget')) {
      this.#options.logger.warn({ client: client.id, address: client.address, buffered: client.bufferedAmount, backlog: client.backlog?.bytes ?? 0, adding: bytes }, reason);
    }
    void this.#closeClient(client, 'output_budget', CloseCode.OUTPUT_BUDGET, reason);
    this.#flush.check();
    return false;
  }

  /** Counts one request of `kind`; a client over its limit is closed (4029). */
  #withinLimit(client: Client, kind: RateLimitKind): boolean {
    if (client.limits.take(kind)) return true;
    this.#rateLimited.add(kind);
    const reason = rateLimitReason(kind, this.#options.rateLimits);
    if (this.#closeLog.admit('rate_limited')) this.#options.logger.warn({ client: client.id, address: client.address, limit: kind }, reason);
    void this.#closeClient(client, 'rate_limited', CloseCode.RATE_LIMITED, reason);
    this.#flush.check();
    return false;
  }

  #sendFrame(client: Client, frame: Frame): void {
    // A gap holds no message: never on the wire.
    if (frame.gap) return;
    client.sendFrame(frame);
    this.#counts.sent += 1;
  }

  #caughtUp(client: Client, owed: Frame[]): void {
    this.#options.logger.info({ client: client.id, address: client.address, owed: owed.length }, 'slow client caught up');
    const snapshot = client.snapshotOwed;
    client.snapshotOwed = undefined;
    // A snapshot built now covers every frame owed.
    if (snapshot) this.#sendSnapshot(client, undefined, snapshot.resumed);
    else for (const frame of owed) this.#sendFrame(client, frame);
  }

  #slowTimeout(client: Client): void {
    const reason = `slow consumer: send buffer above ${this.#options.slowClientBytes} bytes for ${this.#options.slowClientTimeoutMs} ms`;
    this.#options.logger.warn({ client: client.id, address: client.address, buffered: client.bufferedAmount }, reason);
    void this.#closeClient(client, 'slow_consumer', CloseCode.SLOW_CONSUMER, reason);
    this.#flush.check();
  }

  /** The transport is ending the connection; `#left` follows when it has. */
  #failed(client: Client, cause: TransportFailure, detail: string): void {
    const fields = { client: client.id, address: client.address };
    if (cause === 'dead_peer') this.#options.logger.info(fields, detail);
    else this.#options.logger.warn({ ...fields, err: detail }, 'client socket error');
    this.#ended(client, cause);
    if (cause === 'dead_peer') client.closing = true;
  }

  /** Stops delivery at once; the transport bounds how long the close handshake may take. */
  #closeClient(client: Client, cause: CloseCause, code: number, reason: string): Promise<void> {
    this.#ended(client, cause);
    return client.close(code, reason);
  }

  /** Stops all delivery to the client and counts why it ended, once, whichever way it ends. */
  #ended(client: Client, cause: CloseCause): void {
    this.#clients.delete(client);
    this.#slow.forget(client);
    this.#replays.forget(client);
    if (client.closeCause !== undefined) return;
    client.closeCause = cause;
    this.#closes.add(cause);
  }

  #left(client: Client, code: number): void {
    client.socketClosed();
    this.#ended(client, 'peer_closed');
    this.#options.logger.debug({ client: client.id, address: client.address, code, clients: this.#clients.size }, 'client left');
    this.#flush.check();
  }

  #isFlushed(): boolean {
    for (const client of this.#clients) if (client.bufferedAmount > 0 || client.backlog || this.#replays.has(client)) return false;
    return true;
  }
}

function filterOf(gameIds: readonly string[] | '*'): ReadonlySet<string> | undefined {
  return gameIds === '*' || gameIds.length === 0 ? undefined : new Set(gameIds);
}
