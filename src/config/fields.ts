/**
 * The kinds of option value a command takes, as zod schemas whose one message reads after the
 * option's name: `--port must be an integer 0..65535, got 99999`. Flags and environment variables
 * arrive as strings, code passes numbers: both are accepted, and the value given is quoted back.
 */
import { z } from 'zod';

/** What the parser reads beside a field: its flag when not `--kebab-of-key`, its environment variable. */
export interface FieldMeta {
  readonly flag?: string;
  readonly env?: string;
  /** An empty variable is a mistake to refuse, not an unset one (a secret meant to be set). */
  readonly envEmptyIsSet?: boolean;
  /** A list (a repeatable flag) whose variable holds its items separated by commas. */
  readonly envList?: boolean;
}

declare module 'zod' {
  interface GlobalMeta extends FieldMeta {}
}

type Check = readonly [ok: (n: number) => boolean, expected: string];

/** A number passing every check in turn; the first that fails names what was expected. */
export function number(...checks: readonly Check[]) {
  return z.unknown().transform((raw, ctx) => {
    if (raw === undefined) {
      ctx.addIssue({ code: 'custom', message: 'is required' });
      return z.NEVER;
    }
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    for (const [ok, expected] of checks) {
      if (ok(n)) continue;
      ctx.addIssue({ code: 'custom', message: `must be ${expected}, got ${String(raw)}` });
      return z.NEVER;
    }
    return n;
  });
}

export const integerIn = (min: number, max: number): Check => [(n) => Number.isInteger(n) && n >= min && n <= max, `an integer ${min}..${max}`];
export const positive: Check = [(n) => Number.isFinite(n) && n > 0, 'a positive number'];
export const atMost = (max: number): Check => [(n) => n <= max, `at most ${max}`];

export const port = () => number(integerIn(0, 65_535));

/** A string matching `pattern`; `expected` says what it should look like. */
export function text(pattern: RegExp, expected: string) {
  return z.string().refine((s) => pattern.test(s), { error: (issue) => `must be ${expected}, got ${String(issue.input)}` });
}

/** `2017-18`: two years that follow each other. */
export const season = () =>
  z.string().refine((s) => {
    const m = /^(\d{4})-(\d{2})$/.exec(s);
    return m !== null && (Number(m[1]) + 1) % 100 === Number(m[2]);
  }, { error: (issue) => `must be a season like 2017-18, got ${String(issue.input)}` });
export const isoDate = () => z.iso.date({ error: (issue) => `must be a date YYYY-MM-DD, got ${String(issue.input)}` });
export const httpUrl = () => z.url({ protocol: /^https?$/, error: (issue) => `must be an http(s) URL, got ${String(issue.input)}` });
export const path = () => z.string().min(1, { error: 'must be a path, got nothing' });

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (issue) => `must be one of ${values.join('|')}, got ${String(issue.input)}` });
}

/** A secret: never quoted back, so a token with a stray space does not end up in a log. */
export const secret = (env: string) => z.string().regex(/^\S+$/, { error: 'must be a non-empty string without whitespace' }).meta({ env, envEmptyIsSet: true });

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const logLevel = () => oneOf(LOG_LEVELS).meta({ env: 'LOG_LEVEL' });

/** `https://courtside.example`: a browser origin, scheme, host and port only. */
export const origin = () =>
  z.string().refine((s) => URL.canParse(s) && new URL(s).origin === s, { error: (issue) => `must be an origin such as https://courtside.example, got ${String(issue.input)}` });
