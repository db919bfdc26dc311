/** What the broadcaster tests observe without a network: its log lines, and conditions over time. */
import type { BroadcastLogger } from '../logger.ts';

export interface LogLine {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string;
  /** When it was logged (`performance.now()`). */
  readonly at: number;
}

export function recordingLogger(lines: LogLine[]): BroadcastLogger {
  const log = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message, at: performance.now() });
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** Re-checks a condition on each turn of the event loop until it holds (the test's timeout bounds it). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
