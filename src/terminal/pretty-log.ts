/**
 * pino's JSON lines as a person reads them at a terminal: the time of day, the level when it is
 * not routine, the message, the game and the cause in words, a few plain fields. A stack trace
 * (kept only at debug level, see `logging.ts`) follows on its own indented lines.
 */
import { clockTime } from './event-line.ts';

const LEVELS: Readonly<Record<number, string>> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
/** pino's own fields and those said another way below. */
const SAID = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'err', 'gameId', 'component']);
const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

export interface PrettyOptions {
  readonly write: (text: string) => void;
  /** ANSI colours for warnings and errors. */
  readonly color: boolean;
}

/** A pino destination that writes each entry as one human line. */
export function prettyDestination(options: PrettyOptions): { write(line: string): void } {
  return { write: (line) => options.write(prettyLine(line, options.color)) };
}

/** One JSON log line → the text a person reads (ends with a newline). */
export function prettyLine(json: string, color = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = typeof entry.level === 'number' ? entry.level : 30;
  const time = typeof entry.time === 'number' ? new Date(entry.time) : new Date();
  const parts = [String(entry.msg ?? '')];
  if (typeof entry.gameId === 'string') parts.push(`game ${entry.gameId}`);
  const err = entry.err as { message?: unknown; stack?: unknown } | string | undefined;
  const cause = typeof err === 'string' ? err : typeof err?.message === 'string' ? err.message : undefined;
  if (cause) parts.push(cause);
  const fields = Object.entries(entry).filter(([k, v]) => !SAID.has(k) && v !== null && typeof v !== 'object');
  if (fields.length > 0) parts.push(fields.map(([k, v]) => `${k}=${String(v)}`).join(' '));
  const label = level >= 40 ? `${LEVELS[level] ?? level}: ` : level < 30 ? `${LEVELS[level] ?? level}: ` : '';
  const paint = !color ? '' : level >= 50 ? RED : level >= 40 ? YELLOW : level < 30 ? DIM : '';
  let text = `${clockTime(time)} ${paint}${label}${parts.join(' · ')}${paint ? RESET : ''}\n`;
  // The stack's first line repeats the message already printed.
  if (typeof err === 'object' && typeof err?.stack === 'string') text += `${err.stack.split('\n').slice(1).map((l) => `    ${l.trim()}`).join('\n')}\n`;
  return text;
}
