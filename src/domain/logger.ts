/**
 * How Courtside logs, as an interface: a pino logger (or a child of one) fits it as it is, and
 * tests pass a recorder. `fields` is one structured object per line; each line about a game
 * carries its `gameId`.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Used when no logger is given: a library never writes to stdout on its own. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
