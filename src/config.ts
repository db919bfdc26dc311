/**
 * The service's configuration: command-line options and environment parsed once into a typed,
 * frozen object. Anything wrong fails here, at start-up, with the option named.
 */
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT, resolveDataDir } from './data/location.ts';

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
    /** A night recorded by `courtside record`, replayed instead of one from the dataset. */
    archive: z.string().min(1).optional(),
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
    /** WebSocket connections in all and per address; the broadcaster's defaults when unset. */
    maxConnections: z.coerce.number().int().min(1).max(1_000_000).optional(),
    maxConnectionsPerAddress: z.coerce.number().int().min(1).max(1_000_000).optional(),
    /** `all`: one process (the default); `poller` / `edge`: one part of a NATS deployment (`docs/deploy.md`). */
    role: z.enum(['all', 'poller', 'edge']).default('all'),
    /** NATS server URLs, comma-separated (every node of a cluster). */
    nats: z.string().regex(/^nats:\/\/[^\s,]+(,nats:\/\/[^\s,]+)*$/, 'must be nats://host:port URLs, comma-separated').optional(),
    /** Copies NATS keeps of the stream and the lease; default: one per listed server, at most 3. */
    natsReplicas: z.coerce.number().int().min(1).max(5).optional(),
  })
  .strict();

export type Config = Readonly<z.output<typeof ConfigSchema>> & { readonly dataDir: string | undefined };
export type ConfigInput = z.input<typeof ConfigSchema>;

export class ConfigError extends Error {
  readonly code = 'invalid_config';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Options beat the environment (`COURTSIDE_PORT`, `COURTSIDE_API_TOKEN`, `NBA_DATA_DIR`, `LOG_LEVEL`,
 * `COURTSIDE_MAX_CONNECTIONS`, `COURTSIDE_MAX_CONNECTIONS_PER_ADDRESS`, `COURTSIDE_NATS`), which beats defaults.
 */
export function loadConfig(options: ConfigInput, env: NodeJS.ProcessEnv = process.env): Config {
  const merged: ConfigInput = {
    ...(env.COURTSIDE_PORT ? { port: env.COURTSIDE_PORT } : {}),
    ...(env.LOG_LEVEL ? { logLevel: env.LOG_LEVEL as ConfigInput['logLevel'] } : {}),
    ...(env.COURTSIDE_API_TOKEN !== undefined ? { apiToken: env.COURTSIDE_API_TOKEN } : {}),
    ...(env.COURTSIDE_MAX_CONNECTIONS ? { maxConnections: env.COURTSIDE_MAX_CONNECTIONS } : {}),
    ...(env.COURTSIDE_MAX_CONNECTIONS_PER_ADDRESS ? { maxConnectionsPerAddress: env.COURTSIDE_MAX_CONNECTIONS_PER_ADDRESS } : {}),
    ...(env.COURTSIDE_NATS ? { nats: env.COURTSIDE_NATS } : {}),
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${kebab(i.path.join('.'))}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  if (parsed.data.archive !== undefined && parsed.data.source !== 'replay') throw new ConfigError('--archive: a recorded night is replayed with --source replay');
  if (parsed.data.archive !== undefined && parsed.data.date !== undefined) throw new ConfigError('--date: the archive is one night already; leave out --date with --archive');
  checkRole(parsed.data);
  const dataDir = resolveDataDir(parsed.data.dataDir, env);
  if (parsed.data.source === 'replay' && parsed.data.role === 'all' && !dataDir) {
    throw new ConfigError('--data: the replay needs the NBA dataset; pass --data DIR or set NBA_DATA_DIR');
  }
  return Object.freeze({ ...parsed.data, dataDir });
}

function checkRole(c: z.output<typeof ConfigSchema>): void {
  if (c.role === 'all' && c.nats !== undefined) throw new ConfigError('--nats: only --role poller or --role edge use NATS; the default --role all is one process');
  if (c.role !== 'all' && c.nats === undefined) throw new ConfigError(`--role ${c.role}: needs --nats URL (or COURTSIDE_NATS)`);
  if (c.role === 'poller' && c.source !== 'nba') {
    throw new ConfigError('--role poller: pollers must poll one shared feed; pass --source nba (with --feed-url of a `courtside replay` for a replayed night)');
  }
}

/** The NATS servers of `--nats`, one URL each. */
export function natsServers(config: Config): string[] {
  return (config.nats ?? '').split(',').filter((url) => url.length > 0);
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
