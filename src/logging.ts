import { pino } from 'pino';
import type { Logger } from './domain/logger.ts';

/** Structured JSON logs; each line about a game carries its `gameId`. */
export function createLogger(level: string): Logger & { level: string } {
  return pino({ name: 'courtside', level, base: { pid: process.pid } });
}
