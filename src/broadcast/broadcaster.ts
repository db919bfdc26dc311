/**
 * Courtside's WebSocket stream: stamps every per-game message with a server-wide `seq`, keeps a
 * bounded history for `resume`, and fans each message out, serialized once, to the clients
 * subscribed to its game. Greets each client with a snapshot, answers bad input with an `error`
 * message, keeps slow readers from holding anyone back, and finds dead peers with pings.
 *
 * Frames above `maxPayloadBytes` get a `message_too_large` reply; frames above four times that
 * are not even read: ws closes the connection with 1009, so a hostile client cannot make the
 * server buffer megabytes. What the server holds for one client is bounded by its output budget
 * (4009), what it may ask for by its rate limits (4029), and resumes are replayed a page per turn.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ClientMessage, ErrorMessage, GameSnapshot, ServerMessage, Unsequenced } from '../protocol/messages.ts';
import { Gate, refuse, REFUSAL_CAUSES, type Admission, type RefusalCause } from './admission.ts';
import { readClientFrame } from './client-input.ts';
import { Client } from './client.ts';
import { Corks } from './corks.ts';
import { readConnectQuery } from './connect-query.ts';
import { BroadcastError, CLOSE_CAUSES, CloseCode, type CloseCause } from './errors.ts';
import { Heartbeat } from './heartbeat.ts';
import { History, makeFrame, type Frame } from './history.ts';
import { LogThrottle } from './log-throttle.ts';
import { LogWriter } from './log-writer.ts';
import { newEpoch, resolveOptions, type BroadcasterOptions, type ResolvedOptions } from './options.ts';
import { Outgoing } from './outgoing.ts';
import { OutputBudget } from './output-budget.ts';
import { InboundLimits, RATE_LIMIT_KINDS, rateLimitReason, type RateLimitKind } from './rate-limits.ts';
import { rejectUpgrade } from './reject.ts';
import { GAME_MESSAGE_TYPES, type GameMessage, type MessageSink } from './sink.ts';
import { readPage, startResume, type ReplaySource } from './replay.ts';
import { ReplayQueue } from './replay-queue.ts';
import { SlowClients } from './slow-clients.ts';
import { FlushWaiters } from './flush-waiters.ts';
import { Tally } from './tally.ts';

export interface BroadcastStats {
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
  readonly rejectedConnections: number;
  /** Client frames answered with an `error` message. */
  readonly clientErrors: number;
  readonly slowDisconnects: number;
  readonly deadPeersTerminated: number;
  /** Clients being replayed their history right now. */
  readonly replaying: number;
  /** Connections ended, by cause, each counted once. */
  readonly closes: Readonly<Record<CloseCause, number>>;
  /** Upgrades refused, by cause; they sum to `rejectedConnections`. */
  readonly refusals: Readonly<Record<RefusalCause, number>>;
  /** Requests over a rate limit, by limit; each closed its client. */
  readonly rateLimited: Readonly<Record<RateLimitKind, number>>;
}

/** Refusals and rate-limit closes reach the log at most this often per cause; all are counted. */
const LOG_EVERY_MS = 1_000;

type Resume = Extract<ClientMessage, { type: 'resume' }>;

export class Broadcaster implements MessageSink {
  readonly #options: ResolvedOptions;
  #epoch: string;
  readonly #logWriter: LogWriter;
  readonly #wss: WebSocketServer;
  readonly #gate: Gate;
  readonly #history: History;
  readonly #outgoing: Outgoing;
  readonly #clients = new Set<Client>();
  readonly #heartbeat: Heartbeat;
  readonly #slow: SlowClients;
  readonly #flush: FlushWaiters;
  readonly #replays: ReplayQueue<Client>;
  readonly #budget: OutputBudget;
  readonly #corks = new Corks();
  readonly #closes = new Tally(CLOSE_CAUSES);
  readonly #refusals = new Tally(REFUSAL_CAUSES);
  readonly #rateLimited = new Tally(RATE_LIMIT_KINDS);
  readonly #refusalLog: LogThrottle;
  readonly #closeLog: LogThrottle;
  readonly #onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => this.handleUpgrade(req, socket, head);
  #seq: number;
  #nextClientId = 1;
  #closing: Promise<void> | undefined;
  #counts = { published: 0, sent: 0, rejectedConnections: 0, clientErrors: 0 };

  constructor(options: BroadcasterOptions) {
    this.#options = resolveOptions(options);
    const o = this.#options;
    this.#epoch = o.epoch;
    this.#logWriter = new LogWriter(o.log, o.historySize);
    this.#outgoing = new Outgoing(o.validateOutgoing);
    this.#history = new History(o.historySize);
    this.#seq = o.lastSeq;
    this.#gate = new Gate(o);
    // No compression: it would make ws queue frames, and `Client.sendFrame` relies on every frame
    // reaching the socket synchronously, in call order.
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: o.hardMaxPayloadBytes, clientTracking: false, perMessageDeflate: false });
    this.#heartbeat = new Heartbeat(o.heartbeatIntervalMs, () => this.#clients, (client) => this.#terminateDead(client));
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
    const log = o.logger;
    this.#refusalLog = new LogThrottle(LOG_EVERY_MS, (cause, suppressed) => log.info({ cause, suppressed }, `connection refused: ${suppressed} more (${cause}) in the last second`));
    this.#closeLog = new LogThrottle(LOG_EVERY_MS, (cause, suppressed) => log.warn({ cause, suppressed }, `${suppressed} more clients closed (${cause}) in the last second`));
    this.#heartbeat.start();
    o.server?.on('upgrade', this.#onUpgrade);
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /** The seq of the last published message (0 before the first). */
  get seq(): number {
    return this.#seq;
  }

  /** Identifies this server's history; changes when the durable log fails (see `LogWriter`). */
  get epoch(): string {
    return this.#epoch;
  }

  /** Messages published while the durable log failed, not in it yet. */
  get unloggedMessages(): number {
    return this.#logWriter.held;
  }

  /** Writes the messages held since the durable log failed, if it works again; true once none is held. */
  retryLog(): boolean {
    return this.#logWriter.flush(this.#epoch);
  }

  /**
   * Stamps the next seq, appends to the durable log (if any) and the history, and delivers to the
   * subscribers of the message's game. Returns the seq. After `close()` messages are still
   * stamped and logged, so clients of the next run can resume through them.
   */
  publish(message: Unsequenced<ServerMessage>): number {
    if (!GAME_MESSAGE_TYPES.has(message?.type)) {
      throw new BroadcastError('not_publishable', `cannot publish a ${String(message?.type)} message: only per-game messages are broadcast`);
    }
    const stamped = this.#outgoing.stamp(message as Unsequenced<GameMessage>, this.#seq + 1);
    const json = JSON.stringify(stamped);
    // Logged before anyone sees it: a client must never hold a seq the log lacks. A throw leaves the seq unused.
    if (this.#logWriter.append(stamped.seq, this.#epoch, json) === 'held_first') this.#startEpoch();
    this.#seq = stamped.seq;
    const frame = makeFrame(stamped.seq, stamped.type, stamped.game_id, json);
    this.#history.append(frame);
    this.#counts.published += 1;
    for (const client of this.#clients) {
      // A client being replayed to gets this frame from history, in order, with its last page.
      if (!client.wants(frame.gameId) || this.#replays.has(client)) continue;
      if (this.#slow.isBehind(client)) {
        if (this.#fits(client, frame.wire.length)) client.backlog?.add(frame);
        continue;
      }
      this.#corks.hold(client.stream);
      this.#sendFrame(client, frame);
    }
    return frame.seq;
  }

  /** The log failed: clients move to an epoch it does not have yet, before they see a seq it lacks. */
  #startEpoch(): void {
    const previous = this.#epoch;
    this.#epoch = newEpoch();
    this.#options.logger.error({ previous, epoch: this.#epoch, seq: this.#seq }, 'message log not writable; streaming from memory under a new epoch');
    for (const client of this.#clients) this.#sendSnapshot(client);
  }

  /** For servers that route upgrades themselves; attached automatically when `server` is given. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const admission: Admission = this.#closing ? refuse('shutting_down', 503, 'server shutting down') : this.#gate.admit(req);
    if (!admission.ok) {
      this.#counts.rejectedConnections += 1;
      this.#refusals.add(admission.cause);
      if (this.#refusalLog.admit(admission.cause)) {
        // The path only: the query may carry the token.
        const path = (req.url ?? '').split('?')[0];
        this.#options.logger.info({ status: admission.status, cause: admission.cause, address: req.socket.remoteAddress, path }, `connection refused: ${admission.reason}`);
      }
      rejectUpgrade(socket, admission.status, admission.reason, admission.headers);
      return;
    }
    // The raw socket closes exactly once whatever happens (handshake failure, close, terminate).
    socket.once('close', admission.release);
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connected(ws, socket, admission.address, admission.url));
  }

  stats(): BroadcastStats {
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
      refusals: this.#refusals.counts(),
      rateLimited: this.#rateLimited.counts(),
    };
  }

  /** Resolves once every client's send buffer and backlog are empty (clients that leave stop counting). */
  whenFlushed(): Promise<void> {
    return this.#flush.wait();
  }

  /**
   * Lets replays under way finish (within `closeGraceMs`), then closes every client with 1001 and
   * stops the timers; resolves when all sockets are closed. Upgrades that arrive meanwhile or later
   * are refused with 503 until the HTTP server itself closes.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#heartbeat.stop();
    this.#slow.stop();
    // A client that resumed just before a restart gets the rest of its gap, within the close grace.
    await this.#replaysDone(this.#options.closeGraceMs);
    this.#replays.stop();
    const closed = [...this.#clients].map((client) => this.#closeClient(client, 'shutdown', CloseCode.GOING_AWAY, 'server shutting down'));
    this.#refusalLog.flush();
    this.#closeLog.flush();
    await Promise.all(closed);
    this.#flush.check();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  async #replaysDone(withinMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#replays.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)))]);
    clearTimeout(timer);
  }

  #connected(ws: WebSocket, socket: Duplex, address: string, url: URL): void {
    const client = new Client(this.#nextClientId++, ws, socket, address, new InboundLimits(this.#options.rateLimits));
    // ws reports frames it cannot accept (bad framing, bad UTF-8, too big) and closes the connection itself.
    ws.on('error', (error) => {
      this.#options.logger.warn({ client: client.id, address, err: error.message }, 'client socket error');
      this.#ended(client, 'protocol_error');
    });
    if (this.#closing) {
      ws.close(CloseCode.GOING_AWAY, 'server shutting down');
      return;
    }
    this.#clients.add(client);
    ws.on('pong', () => {
      client.isAlive = true;
    });
    ws.on('message', (data, isBinary) => this.#received(client, data, isBinary));
    ws.on('close', (code) => this.#left(client, code));
    this.#options.logger.debug({ client: client.id, address, clients: this.#clients.size }, 'client connected');
    const query = readConnectQuery(url.searchParams);
    for (const problem of query.problems) this.#sendError(client, problem.code, problem.message);
    if (query.subscribe) client.filter = filterOf(query.subscribe.game_ids);
    if (query.resume) this.#resume(client, query.resume);
    else this.#sendSnapshot(client);
  }

  #received(client: Client, data: RawData, isBinary: boolean): void {
    if (client.closing || !this.#withinLimit(client, 'messages')) return;
    const input = readClientFrame(data, isBinary, this.#options.maxPayloadBytes);
    if (!input.ok) {
      this.#counts.clientErrors += 1;
      this.#options.logger.debug({ client: client.id, address: client.address, code: input.code }, input.message);
      this.#sendError(client, input.code, input.message);
      return;
    }
    const message = input.message;
    if (!this.#withinLimit(client, message.type === 'resume' ? 'resumes' : 'subscribes')) return;
    if (message.type === 'resume') {
      this.#resume(client, message);
      return;
    }
    // The latest request wins: the snapshot below supersedes a replay still running.
    this.#replays.forget(client);
    client.filter = filterOf(message.game_ids);
    const games = this.#games(client);
    if (!games) return;
    const tracked = new Set(games.map((game) => game.game_id));
    const unknown = client.filter ? [...client.filter].filter((id) => !tracked.has(id)) : [];
    if (unknown.length > 0) this.#sendError(client, 'unknown_game', `not tracked (yet), subscribed anyway: ${unknown.join(', ')}`);
    this.#sendSnapshot(client, games);
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
    return { epoch: this.#epoch, seq: this.#seq, history: this.#history, log: this.#options.log };
  }

  /** One page of a replay, written corked; the client's budget covers the page as a whole. */
  #deliverPage(client: Client, frames: readonly Frame[]): boolean {
    const wanted = frames.filter((frame) => client.wants(frame.gameId));
    const bytes = wanted.reduce((sum, frame) => sum + frame.wire.length, 0);
    if (!this.#fits(client, bytes)) return false;
    if (wanted.length > 0) this.#corks.hold(client.stream);
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
    let data: Buffer;
    try {
      data = this.#outgoing.snapshot(this.#epoch, this.#seq, games, resumed);
    } catch (error) {
      this.#snapshotFailed(client, error);
      return;
    }
    if (!this.#fits(client, data.length)) return;
    client.sendText(data, this.#seq);
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
    const data = this.#outgoing.error(client.position, code, text);
    if (!this.#fits(client, data.length)) return;
    client.sendText(data, client.position);
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

  #terminateDead(client: Client): void {
    this.#options.logger.info({ client: client.id, address: client.address }, 'no pong since the last ping; terminating');
    this.#ended(client, 'dead_peer');
    client.closing = true;
    client.ws.terminate();
  }

  /** Stops delivery at once; the close handshake gets `closeGraceMs` before the socket is cut. */
  #closeClient(client: Client, cause: CloseCause, code: number, reason: string): Promise<void> {
    this.#ended(client, cause);
    return client.close(code, reason, this.#options.closeGraceMs);
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
