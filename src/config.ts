/**
 * The service's configuration: command-line options and environment parsed once into a typed,
 * frozen object. Anything wrong fails here, at start-up, with the option named.
 */
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT, resolveDataDir } from './data/location.ts';
import { CourtsideError } from './errors.ts';

export const NBA_FEED_URL = 'https://cdn.nba.com/static/json/liveData';

const Port = z.coerce.number().int().min(0).max(65_535);

const ConfigSchema = z
  .object({
    port: Port.default(8765),
    host: z.string().min(1).default('0.0.0.0'),
    source: z.enum(['replay', 'nba']).default('replay'),
    dataDir: z.string().optional(),
    /** The night to replay, `YYYY-MM-DD`; default: a busy night of the dataset. */
    date: z.iso.date().optional(),
    /** Replay speed factor; default: the night in about ten minutes. */
    speed: z.coerce.number().positive().max(100_000).optional(),
    feedUrl: z.url({ protocol: /^https?$/ }).default(NBA_FEED_URL),
    pollSeconds: z.coerce.number().min(1).max(600).default(10),
    modelDir: z.string().default(path.join(PROJECT_ROOT, 'models/halftime')),
    /** Coverage of the forecast interval. */
    coverage: z.coerce.number().gt(0.5).lt(1).default(0.95),
    /**
     * SQLite file for games, minutes, forecasts and the message log. Default: `data/courtside.db`
     * for the NBA; a fresh file per run for the embedded replay, which starts its night anew.
     */
    db: z.string().min(1).optional(),
    exitWhenDone: z.boolean().default(false),
    /** Serve the dashboard (built on first start when missing); false streams only. */
    dashboard: z.boolean().default(true),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Required as `Authorization: Bearer <token>` by `/metrics` and `/api/*` when set. */
    apiToken: z.string().regex(/^\S+$/, 'must be a non-empty string without whitespace').optional(),
  })
  .strict();

export type Config = Readonly<z.output<typeof ConfigSchema>> & { readonly dataDir: string | undefined };
export type ConfigInput = z.input<typeof ConfigSchema>;

export class ConfigError extends CourtsideError<'invalid_config'> {
  constructor(message: string) {
    super('invalid_config', message);
  }
}

/** Options beat the environment (`COURTSIDE_PORT`, `COURTSIDE_API_TOKEN`, `NBA_DATA_DIR`, `LOG_LEVEL`), which beats defaults. */
export function loadConfig(options: ConfigInput, env: NodeJS.ProcessEnv = process.env): Config {
  const merged: ConfigInput = {
    ...(env.COURTSIDE_PORT ? { port: env.COURTSIDE_PORT } : {}),
    ...(env.LOG_LEVEL ? { logLevel: env.LOG_LEVEL as ConfigInput['logLevel'] } : {}),
    ...(env.COURTSIDE_API_TOKEN !== undefined ? { apiToken: env.COURTSIDE_API_TOKEN } : {}),
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${kebab(i.path.join('.'))}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const dataDir = resolveDataDir(parsed.data.dataDir, env);
  if (parsed.data.source === 'replay' && !dataDir) {
    throw new ConfigError('--data: the replay needs the NBA dataset; pass --data DIR or set NBA_DATA_DIR');
  }
  return Object.freeze({ ...parsed.data, dataDir });
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
