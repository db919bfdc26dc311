/**
 * Commander options made from a command's config schema, so a flag, its default, its environment
 * variable and its checks are declared once (in the adapter's `config.ts`): commander only reads
 * the command line, the schema fills defaults and the environment in and says what is wrong.
 */
import { Option } from 'commander';
import type { z } from 'zod';
import { flagOf, metaOf } from '../config/parse.ts';

type Schema = z.ZodObject<Record<string, z.ZodType>>;

/** The field under its wrappers (`.optional()`, `.default()`), and its default when it has one. */
function inner(field: z.ZodType): { core: z.ZodType; fallback: unknown } {
  let fallback: unknown;
  let core = field;
  for (;;) {
    const def = core._zod.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
    if (def.type === 'default') fallback = def.defaultValue;
    if (def.innerType === undefined) return { core, fallback };
    core = def.innerType;
  }
}

/**
 * `--port <port>` for `port`, with `(default: 8765; env COURTSIDE_PORT)` in its help, and an
 * enum's values listed there too: the schema, not commander, refuses a wrong one, the way it
 * refuses every other value. A boolean that defaults to true becomes `--no-<flag>`; a list, a
 * flag that may be repeated.
 */
export function configOption(schema: Schema, key: string, description: string, value = `<${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}>`): Option {
  const field = schema.shape[key];
  if (!field) throw new TypeError(`configOption: no option ${key} in this command's config`);
  const { core, fallback } = inner(field);
  const flag = flagOf(schema, key);
  const def = core._zod.def as { type: string; entries?: Record<string, string> };
  if (def.type === 'boolean') return new Option(fallback === true ? `--no-${flag.slice(2)}` : flag, description);
  const env = metaOf(field)?.env;
  const notes = [
    def.type === 'enum' && def.entries ? `one of ${Object.values(def.entries).join('|')}` : '',
    fallback === undefined || typeof fallback === 'object' ? '' : `default: ${String(fallback)}`,
    env ? `env ${env}` : '',
  ].filter(Boolean);
  const option = new Option(`${flag} ${value}`, notes.length > 0 ? `${description} (${notes.join('; ')})` : description);
  // A list is its flag given several times: `--data A --data B`.
  return def.type === 'array' ? option.argParser((item: string, items: string[] | undefined) => [...(items ?? []), item]) : option;
}

/** The parsed command line as the schema's keys (`--data` is read into `dataDir` when its field says so). */
export function flagsOf(schema: Schema, opts: Record<string, unknown>): Record<string, unknown> {
  const camel = (flag: string): string => flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.fromEntries(Object.keys(schema.shape).map((key) => [key, opts[camel(flagOf(schema, key))]]));
}

/** Help for the feed-polling flags that `serve` and `record` share, written once. */
export const FEED_HELP = {
  pollSeconds: 'seconds between scoreboard polls while games are live',
  feedTimeoutMs: 'milliseconds one feed request may take before it is retried (default: 5000)',
} as const;
