/**
 * The one way a command turns its flags and the environment into a typed, frozen object: a zod
 * schema composed of the adapters' own (`src/*\/config.ts`). Flags beat the environment, which beats
 * defaults. Anything wrong is a `ConfigError` naming each option at fault, as the user gave it
 * (`--port …` for a flag, `COURTSIDE_PORT …` for a variable), and what was wrong with it.
 */
import type { z } from 'zod';
import { CourtsideError } from '../errors.ts';
import type { FieldMeta } from './fields.ts';

export interface ConfigProblem {
  /** The flag or environment variable at fault, e.g. `--port` or `COURTSIDE_PORT`. */
  readonly option: string;
  /** What was wrong, e.g. `must be an integer 0..65535, got 99999`. */
  readonly problem: string;
}

export class ConfigError extends CourtsideError<'invalid_config'> {
  readonly problems: readonly ConfigProblem[];
  /** One problem, or the message of several; a problem's option comes first in its text. */
  constructor(problems: string | readonly ConfigProblem[]) {
    const list = typeof problems === 'string' ? [] : problems;
    super('invalid_config', typeof problems === 'string' ? problems : problems.map((p) => `${p.option} ${p.problem}`).join('; '));
    this.problems = list;
  }
}

type Shape = Record<string, z.ZodType>;
export type Flags<S extends z.ZodObject<Shape>> = { readonly [K in keyof z.input<S>]?: z.input<S>[K] | undefined };

/** A field's meta, wherever it was set: `.optional()` and `.default()` wrap a field without carrying it. */
export function metaOf(field: z.ZodType | undefined): FieldMeta | undefined {
  for (let f = field; f !== undefined; f = (f._zod.def as { innerType?: z.ZodType }).innerType) {
    const meta = f.meta();
    if (meta !== undefined) return meta;
  }
  return undefined;
}

/** `--data` for `dataDir` when its field says so, else `--feed-url` for `feedUrl`. */
export function flagOf(schema: z.ZodObject<Shape>, key: string): string {
  return metaOf(schema.shape[key])?.flag ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function parseConfig<S extends z.ZodObject<Shape>>(schema: S, flags: Flags<S>, env: NodeJS.ProcessEnv = process.env): Readonly<z.output<S>> {
  // Unset flags are left out, so defaults and the environment apply; unknown ones stay, to be refused.
  const merged: Record<string, unknown> = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  const fromEnv = new Map<string, string>();
  for (const [key, field] of Object.entries(schema.shape)) {
    const meta = metaOf(field);
    const variable = meta?.env;
    if (merged[key] === undefined && variable !== undefined && env[variable] !== undefined && (env[variable] !== '' || meta?.envEmptyIsSet)) {
      const value = env[variable] as string;
      merged[key] = meta?.envList ? value.split(',').map((item) => item.trim()) : value;
      fromEnv.set(key, variable);
    }
  }
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap((issue): ConfigProblem[] => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ option: flagOf(schema, key), problem: 'is not an option of this command' }));
      const key = String(issue.path[0] ?? '');
      const problem = issue.code === 'invalid_type' && merged[key] === undefined ? 'is required' : issue.message;
      return [{ option: fromEnv.get(key) ?? flagOf(schema, key), problem }];
    }));
  }
  return Object.freeze(parsed.data);
}
