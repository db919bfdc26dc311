/**
 * Courtside's WebSocket stream: stamps every per-game message with a server-wide `seq`, keeps a
 * bounded history for `resume`, and fans each message out, serialized once, to the clients
 * subscribed to its game. Greets each client with a snapshot, answers bad input with an `error`
 * message, keeps slow readers from holding anyone back, and finds dead peers with pings.
 *
 * Frames above `maxPayloadBytes` get a `message_too_large` reply; frames above four times that
 * are not even read: ws closes the connection with 1009, so a hostile client cannot make the
 * server buffer megabytes.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ClientMessage, ErrorMessage, GameSnapshot, ServerMessage, Unsequenced } from '../protocol/messages.ts';
import { Gate, type Admission } from './admission.ts';
import { readClientFrame } from './client-input.ts';
import { Client } from './client.ts';
import { Corks } from './corks.ts';
import { readConnectQuery } from './connect-query.ts';
import { BroadcastError, CloseCode } from './errors.ts';
import { Heartbeat } from './heartbeat.ts';
import { History, makeFrame, type Frame } from './history.ts';
import { LogWriter } from './log-writer.ts';
import { newEpoch, resolveOptions, type BroadcasterOptions, type ResolvedOptions } from './options.ts';
import { Outgoing } from './outgoing.ts';
import { rejectUpgrade } from './reject.ts';
import { GAME_MESSAGE_TYPES, type GameMessage, type MessageSink } from './sink.ts';
import { findGap } from './replay.ts';
import { SlowClients } from './slow-clients.ts';
import { FlushWaiters } from './flush-waiters.ts';

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
}

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
  readonly #corks = new Corks();
  readonly #onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => this.handleUpgrade(req, socket, head);
  #seq: number;
  #nextClientId = 1;
  #closing: Promise<void> | undefined;
  #counts = { published: 0, sent: 0, rejectedConnections: 0, clientErrors: 0, slowDisconnects: 0, deadPeersTerminated: 0 };

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
      if (!client.wants(frame.gameId)) continue;
      if (this.#slow.isBehind(client)) {
        client.backlog?.add(frame);
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
    const admission: Admission = this.#closing
      ? { ok: false, status: 503, reason: 'server shutting down', headers: {} }
      : this.#gate.admit(req);
    if (!admission.ok) {
      this.#counts.rejectedConnections += 1;
      // The path only: the query may carry the token.
      const path = (req.url ?? '').split('?')[0];
      this.#options.logger.info({ status: admission.status, address: req.socket.remoteAddress, path }, `connection refused: ${admission.reason}`);
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
    };
  }

  /** Resolves once every client's send buffer and backlog are empty (clients that leave stop counting). */
  whenFlushed(): Promise<void> {
    return this.#flush.wait();
  }

  /**
   * Closes every client with 1001 and stops the timers; resolves when all sockets are closed.
   * Upgrades that arrive later are refused with 503 until the HTTP server itself closes.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#heartbeat.stop();
    this.#slow.stop();
    const closed = [...this.#clients].map((client) => this.#closeClient(client, CloseCode.GOING_AWAY, 'server shutting down'));
    await Promise.all(closed);
    this.#flush.check();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #connected(ws: WebSocket, socket: Duplex, address: string, url: URL): void {
    const client = new Client(this.#nextClientId++, ws, socket, address);
    ws.on('error', (error) => this.#options.logger.warn({ client: client.id, address, err: error.message }, 'client socket error'));
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
    if (client.closing) return;
    const input = readClientFrame(data, isBinary, this.#options.maxPayloadBytes);
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
    client.filter = filterOf(message.game_ids);
    const games = this.#games(client);
    if (!games) return;
    const tracked = new Set(games.map((game) => game.game_id));
    const unknown = client.filter ? [...client.filter].filter((id) => !tracked.has(id)) : [];
    if (unknown.length > 0) this.#sendError(client, 'unknown_game', `not tracked (yet), subscribed anyway: ${unknown.join(', ')}`);
    this.#sendSnapshot(client, games);
  }

  /** Replays what the client missed exactly once and in order, or sends a snapshot marked `resumed: false`. */
  #resume(client: Client, { epoch, last_seq: lastSeq }: Resume): void {
    const source = { epoch: this.#epoch, seq: this.#seq, history: this.#history, log: this.#options.log };
    const gap = findGap(source, { epoch, lastSeq, lastSentSeq: client.lastSentSeq });
    if (!gap.ok) {
      const fields = { client: client.id, last_seq: lastSeq, seq: this.#seq, reason: gap.reason };
      if (gap.failure) this.#options.logger.error({ ...fields, err: gap.failure }, 'resume answered with a snapshot');
      else this.#options.logger.debug(fields, 'resume answered with a snapshot');
      this.#sendSnapshot(client, undefined, false);
      return;
    }
    const backlog = client.backlog;
    backlog?.clear();
    // The latest request wins: a replay replaces a snapshot still owed to a slow client.
    client.snapshotOwed = undefined;
    for (const frame of gap.frames) {
      if (!client.wants(frame.gameId)) continue;
      if (backlog) backlog.add(frame);
      else this.#sendFrame(client, frame);
    }
    this.#slow.isBehind(client);
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
    void this.#closeClient(client, CloseCode.INTERNAL_ERROR, 'snapshot unavailable');
  }

  #sendError(client: Client, code: ErrorMessage['code'], text: string): void {
    // A client that is not reading cannot act on errors; queueing them would let it grow our memory.
    if (client.backlog) return;
    client.sendText(this.#outgoing.error(client.position, code, text), client.position);
    this.#counts.sent += 1;
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
    this.#counts.slowDisconnects += 1;
    const reason = `slow consumer: send buffer above ${this.#options.slowClientBytes} bytes for ${this.#options.slowClientTimeoutMs} ms`;
    this.#options.logger.warn({ client: client.id, address: client.address, buffered: client.bufferedAmount }, reason);
    void this.#closeClient(client, CloseCode.SLOW_CONSUMER, reason);
    this.#flush.check();
  }

  #terminateDead(client: Client): void {
    this.#counts.deadPeersTerminated += 1;
    this.#options.logger.info({ client: client.id, address: client.address }, 'no pong since the last ping; terminating');
    this.#clients.delete(client);
    this.#slow.forget(client);
    client.closing = true;
    client.ws.terminate();
  }

  /** Stops delivery at once; the close handshake gets `closeGraceMs` before the socket is cut. */
  #closeClient(client: Client, code: number, reason: string): Promise<void> {
    this.#clients.delete(client);
    this.#slow.forget(client);
    return client.close(code, reason, this.#options.closeGraceMs);
  }

  #left(client: Client, code: number): void {
    this.#clients.delete(client);
    this.#slow.forget(client);
    this.#options.logger.debug({ client: client.id, address: client.address, code, clients: this.#clients.size }, 'client left');
    this.#flush.check();
  }

  #isFlushed(): boolean {
    for (const client of this.#clients) if (client.bufferedAmount > 0 || client.backlog) return false;
    return true;
  }
}

function filterOf(gameIds: readonly string[] | '*'): ReadonlySet<string> | undefined {
  return gameIds === '*' || gameIds.length === 0 ? undefined : new Set(gameIds);
}
