/**
 * The slice of pino the broadcaster uses, so a `pino()` logger (or a child with bindings) fits as
 * it is and tests can pass a recorder instead.
 */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void;

export interface BroadcastLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

const ignore: LogMethod = () => {};

/** Used when no logger is given: a library never writes to stdout on its own. */
export const silentLogger: BroadcastLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
