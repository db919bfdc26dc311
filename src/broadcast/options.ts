/**
 * The Broadcaster's options, their defaults and their validation. Every check fails at
 * construction with a message that names the option, the accepted range and what was given, so a
 * wrong flag is caught at start-up rather than under load.
 */
import { randomUUID } from 'node:crypto';
import { Server as NetServer } from 'node:net';
import type { Server } from 'node:http';
import type { LogEntry, MessageLog } from '../domain/message-log.ts';
import type { GameSnapshot } from '../protocol/messages.ts';
import { BroadcastError } from './errors.ts';
import { silentLogger, type BroadcastLogger } from './logger.ts';
import type { RateLimitPolicy } from './rate-limits.ts';
import type { GameHold } from './source.ts';

/** The store's message log (the broadcaster knows it by this interface only, never the store). */
export interface DurableMessageLog extends MessageLog {
  /**
   * Several messages in one transaction, all or none. With it, a failed append does not stop the
   * stream: the messages are held and handed over here once the log works again (see `LogWriter`).
   */
  appendMessages?(epoch: string, messages: readonly LogEntry[]): void;
}

export interface BroadcasterOptions {
  /** Attach to this server's `upgrade` event. Omit it to route upgrades yourself with `handleUpgrade`. */
  readonly server?: Server;
  /** The URL path clients connect to (default `/`, so `ws://host:8765` works). */
  readonly path?: string;
  /** The tracked games, as of the latest `seq`; called on connect, subscribe and failed resumes. */
  readonly snapshot: () => readonly GameSnapshot[];
  /** Ping every client this often; one that missed the previous ping is terminated (default 30 s). */
  readonly heartbeatIntervalMs?: number;
  /** Largest client frame answered normally (default 64 KiB); see `hardMaxPayloadBytes`. */
  readonly maxPayloadBytes?: number;
  /** Messages kept for `resume` (default 10,000). */
  readonly historySize?: number;
  /** Send-buffer size beyond which a client stops getting `score_update`s (default 1 MiB). */
  readonly slowClientBytes?: number;
  /** How long a client may stay beyond `slowClientBytes` before it is closed with 4008 (default 30 s). */
  readonly slowClientTimeoutMs?: number;
  /**
   * Bytes the server may hold for one client (send buffer plus backlog), error replies and
   * snapshots included; a client over it is closed with 4009 (default 4 × `slowClientBytes`).
   */
  readonly outputBudgetBytes?: number;
  /** How long a closing client has to answer the close frame before it is terminated (default 5 s). */
  readonly closeGraceMs?: number;
  /** Open connections in all (default 1,500); more are refused with 503. */
  readonly maxConnections?: number;
  /** Open connections from one address (default 100); more are refused with 429. */
  readonly maxConnectionsPerAddress?: number;
  /** Client messages of any kind per second (default 50); a client over any rate limit is closed with 4029. */
  readonly maxMessagesPerSecond?: number;
  /** `subscribe`s per second, each answered with a snapshot (default 10). */
  readonly maxSubscribesPerSecond?: number;
  /** `resume`s per second, each of which may replay history (default 2). */
  readonly maxResumesPerSecond?: number;
  /** The largest gap a resume replays; a larger one is answered with a snapshot (default 10,000 messages). */
  readonly resumeWindow?: number;
  /** Messages per page of a replay; replays send one page per turn of the event loop (default 100). */
  readonly resumePageSize?: number;
  /** Browser origins allowed to connect; requests without an `Origin` header are not browsers and pass. */
  readonly allowedOrigins?: readonly string[];
  /** Required from every client when set: `Authorization: Bearer <token>` or `?token=<token>`. */
  readonly token?: string;
  readonly logger?: BroadcastLogger;
  /**
   * Identifies this server's history; `seq` is comparable only within one epoch. Default: the
   * epoch of `log`'s newest message (history survived), else a random one (history was lost).
   */
  readonly epoch?: string;
  /** Durable history (the store): every message is appended before any client sees it, and resumes older than memory are served from it. */
  readonly log?: DurableMessageLog;
  /** Check every outgoing message against `ServerMessage` and throw on a violation (tests; default false). */
  readonly validateOutgoing?: boolean;
  /**
   * A source that holds only the games its clients follow (an edge) readies them first: undefined
   * when `games` (undefined: every game) are held already, else a promise that resolves once they
   * are. A client is answered (greeted, or subscribed) only then; a rejection closes it with 1011.
   * Default: none, every game is always held.
   */
  readonly hold?: GameHold;
}

export type ResolvedOptions = Required<
  Omit<BroadcasterOptions, 'server' | 'allowedOrigins' | 'token' | 'log' | 'hold' | 'maxMessagesPerSecond' | 'maxSubscribesPerSecond' | 'maxResumesPerSecond'>
> & {
  readonly server: Server | undefined;
  readonly allowedOrigins: ReadonlySet<string> | undefined;
  readonly token: string | undefined;
  readonly log: DurableMessageLog | undefined;
  readonly hold: GameHold | undefined;
  /** The seq of the last message already published under `epoch` (from `log`), else 0. */
  readonly lastSeq: number;
  /** Frames above `maxPayloadBytes` but within this are read and answered; ws closes beyond it (1009). */
  readonly hardMaxPayloadBytes: number;
  readonly rateLimits: RateLimitPolicy;
};

/** Oversized frames up to this many times the limit get an error reply instead of a 1009 close. */
const HARD_PAYLOAD_FACTOR = 4;

export function resolveOptions(options: BroadcasterOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('options must be an object');
  if (options.server !== undefined && !(options.server instanceof NetServer)) fail('server must be an http.Server');
  const path = options.path ?? '/';
  if (typeof path !== 'string' || !path.startsWith('/')) fail(`path must start with "/" (got ${show(path)})`);
  if (typeof options.snapshot !== 'function') fail('snapshot must be a function returning the tracked games');
  const maxPayloadBytes = integer('maxPayloadBytes', options.maxPayloadBytes, 64 * 1024, 256, 16 * 1024 * 1024);
  const slowClientBytes = integer('slowClientBytes', options.slowClientBytes, 1024 * 1024, 1024, 1024 * 1024 * 1024);
  const log = durableLog(options.log);
  const head = log?.messageLogHead() ?? null;
  const chosenEpoch = epoch(options.epoch ?? head?.epoch);
  return {
    server: options.server,
    path,
    snapshot: options.snapshot,
    heartbeatIntervalMs: integer('heartbeatIntervalMs', options.heartbeatIntervalMs, 30_000, 10, 3_600_000),
    maxPayloadBytes,
    hardMaxPayloadBytes: maxPayloadBytes * HARD_PAYLOAD_FACTOR,
    historySize: integer('historySize', options.historySize, 10_000, 0, 10_000_000),
    slowClientBytes,
    slowClientTimeoutMs: integer('slowClientTimeoutMs', options.slowClientTimeoutMs, 30_000, 10, 3_600_000),
    outputBudgetBytes: outputBudget(options.outputBudgetBytes, slowClientBytes),
    closeGraceMs: integer('closeGraceMs', options.closeGraceMs, 5_000, 10, 600_000),
    // The 1,000 clients the latency bench holds to its bar, and half as many again.
    maxConnections: integer('maxConnections', options.maxConnections, 1_500, 1, 1_000_000),
    maxConnectionsPerAddress: integer('maxConnectionsPerAddress', options.maxConnectionsPerAddress, 100, 1, 1_000_000),
    rateLimits: {
      messages: integer('maxMessagesPerSecond', options.maxMessagesPerSecond, 50, 1, 1_000_000),
      subscribes: integer('maxSubscribesPerSecond', options.maxSubscribesPerSecond, 10, 1, 1_000_000),
      resumes: integer('maxResumesPerSecond', options.maxResumesPerSecond, 2, 1, 1_000_000),
    },
    resumeWindow: integer('resumeWindow', options.resumeWindow, 10_000, 0, 10_000_000),
    resumePageSize: integer('resumePageSize', options.resumePageSize, 100, 1, 10_000),
    allowedOrigins: origins(options.allowedOrigins),
    token: token(options.token),
    logger: logger(options.logger),
    epoch: chosenEpoch,
    log,
    // Numbering continues only within the log's own epoch: a new epoch starts again from 0.
    lastSeq: head !== null && head.epoch === chosenEpoch ? head.seq : 0,
    validateOutgoing: bool('validateOutgoing', options.validateOutgoing, false),
    hold: hold(options.hold),
  };
}

function integer(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max} (got ${show(value)})`);
  }
  return value;
}

/** Above the slow-client threshold, so a client is paced (backlog, deferred snapshots) before it is cut off. */
function outputBudget(value: unknown, slowClientBytes: number): number {
  const max = 4 * 1024 * 1024 * 1024;
  const budget = integer('outputBudgetBytes', value, Math.min(max, 4 * slowClientBytes), 2048, max);
  if (budget <= slowClientBytes) fail(`outputBudgetBytes must be larger than slowClientBytes (${slowClientBytes}) (got ${budget})`);
  return budget;
}

function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(`${name} must be a boolean (got ${show(value)})`);
  return value;
}

function origins(value: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(`allowedOrigins must be an array of origins (got ${show(value)})`);
  if (value.length === 0) fail('allowedOrigins must not be empty; omit it to allow every origin');
  value.forEach((origin: unknown, i) => {
    if (typeof origin !== 'string' || originOf(origin) !== origin) {
      fail(`allowedOrigins[${i}] must be an origin such as "https://courtside.example" (got ${show(origin)})`);
    }
  });
  return new Set(value);
}

function originOf(text: string): string | undefined {
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}

function token(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || /\s/.test(value)) {
    fail('token must be a non-empty string without whitespace');
  }
  return value;
}

function logger(value: BroadcastLogger | undefined): BroadcastLogger {
  if (value === undefined) return silentLogger;
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    if (typeof value?.[level] !== 'function') fail(`logger must have a ${level}(fields, message) method`);
  }
  return value;
}

/** A fresh epoch, for a server whose history is lost or cannot be kept. */
export function newEpoch(): string {
  return randomUUID();
}

function epoch(value: unknown): string {
  if (value === undefined) return newEpoch();
  if (typeof value !== 'string' || value.length === 0 || value.length > 128) {
    fail(`epoch must be a string of 1 to 128 characters (got ${show(value)})`);
  }
  return value;
}

function hold(value: unknown): GameHold | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') fail(`hold must be a function of the games to ready (got ${show(value)})`);
  return value as GameHold;
}

function durableLog(value: unknown): DurableMessageLog | undefined {
  if (value === undefined) return undefined;
  for (const method of ['appendMessage', 'messagesSince', 'messageLogHead'] as const) {
    if (typeof (value as Partial<DurableMessageLog> | null)?.[method] !== 'function') fail(`log must have a ${method} method`);
  }
  return value as DurableMessageLog;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function fail(message: string): never {
  throw new BroadcastError('invalid_option', message);
}
