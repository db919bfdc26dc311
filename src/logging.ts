import { pino } from 'pino';
import type { Logger } from './domain/logger.ts';
import { prettyDestination } from './terminal/pretty-log.ts';

/** `json`: one JSON object a line, for machines; `pretty`: one line of words, for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  readonly format?: LogFormat;
  /** Where lines go (default stdout). */
  readonly write?: (text: string) => void;
  /** ANSI colours in the pretty format. */
  readonly color?: boolean;
}

/**
 * Structured logs; each line about a game carries its `gameId`. An error is logged as its type,
 * code and message with its causes; its stack trace only at debug level and below, so a feed
 * that keeps failing costs one line per failure, not a screenful.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger & { level: string } {
  const withStack = level === 'debug' || level === 'trace';
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  // JSON to stdout: pino's own destination, as before.
  const destination = options.format === 'pretty' ? prettyDestination({ write, color: options.color ?? false }) : options.write ? { write } : undefined;
  return pino(
    {
      name: 'courtside',
      level,
      base: { pid: process.pid },
      serializers: {
        err: (error: unknown) => {
          const serialized = pino.stdSerializers.err(error as Error);
          if (withStack || typeof serialized !== 'object' || serialized === null) return serialized;
          const { stack: _stack, ...rest } = serialized;
          return rest;
        },
      },
    },
    destination,
  );
}
