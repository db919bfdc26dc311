/**
 * A logger behind the service's `Logger` port that keeps every entry, so a test can assert that a
 * fault was reported clearly (which code, which URL, which status) and not just survived.
 */
import type { Logger } from '../../src/domain/logger.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  readonly level: LogLevel;
  readonly msg: string;
  /** The child bindings and the entry's own fields, merged as pino would print them. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** What the feed client's errors carry; read structurally so a test can name any error shape. */
export interface LoggedError {
  readonly code?: unknown;
  readonly url?: unknown;
  readonly status?: unknown;
  readonly detail?: unknown;
  readonly retryAfterMs?: unknown;
  readonly message?: unknown;
}

export class CapturingLogger implements Logger {
  readonly entries: LogEntry[];
  readonly #bindings: Readonly<Record<string, unknown>>;

  constructor(entries: LogEntry[] = [], bindings: Readonly<Record<string, unknown>> = {}) {
    this.entries = entries;
    this.#bindings = bindings;
  }

  debug(obj: object, msg = ''): void {
    this.#add('debug', obj, msg);
  }
  info(obj: object, msg = ''): void {
    this.#add('info', obj, msg);
  }
  warn(obj: object, msg = ''): void {
    this.#add('warn', obj, msg);
  }
  error(obj: object, msg = ''): void {
    this.#add('error', obj, msg);
  }
  child(bindings: Record<string, unknown>): Logger {
    return new CapturingLogger(this.entries, { ...this.#bindings, ...bindings });
  }

  /** Entries at warn or above whose `err` matches, e.g. `{ code: 'timeout' }`. */
  errors(match: (err: LoggedError, entry: LogEntry) => boolean): LogEntry[] {
    return this.entries.filter((e) => (e.level === 'warn' || e.level === 'error') && isObject(e.fields.err) && match(e.fields.err, e));
  }

  /** Entries at warn or above about one game, for checking that a clean game stayed quiet. */
  problemsOf(gameId: string): LogEntry[] {
    return this.entries.filter((e) => (e.level === 'warn' || e.level === 'error') && e.fields.gameId === gameId);
  }

  #add(level: LogLevel, obj: object, msg: string): void {
    this.entries.push({ level, msg, fields: { ...this.#bindings, ...obj } });
  }
}

function isObject(value: unknown): value is LoggedError {
  return typeof value === 'object' && value !== null;
}
