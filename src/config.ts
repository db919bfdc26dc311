/**
 * `courtside serve`'s configuration: the adapters' own option schemas composed into one typed,
 * frozen object, parsed once at start-up from flags and environment (`src/config/parse.ts`).
 * Each other command composes its own the same way, in its file under `src/commands/`.
 */
import { existsSync } from 'node:fs';
import nodePath from 'node:path';
import { z } from 'zod';
import { integerIn, logLevel, number, oneOf, text } from './config/fields.ts';
import { BroadcastConfig } from './broadcast/config.ts';
import { ConfigError, type Flags, parseConfig } from './config/parse.ts';
import { resolveDataDir } from './data/location.ts';
import { FeedConfig } from './feed/config.ts';
import { HttpConfig } from './http/config.ts';
import { ModelConfig } from './config/model.ts';
import { ReplayConfig } from './replay/config.ts';
import { StoreConfig } from './store/config.ts';
import { WebConfig } from './web/config.ts';

export { ConfigError } from './config/parse.ts';
export { DEFAULT_BASE_URL as NBA_FEED_URL } from './feed/endpoints.ts';

export const ServeConfig = z
  .object({
    ...HttpConfig.shape,
    ...BroadcastConfig.shape,
    source: oneOf(['replay', 'nba']).default('replay'),
    ...FeedConfig.shape,
    ...ReplayConfig.shape,
    ...ModelConfig.shape,
    ...StoreConfig.shape,
    ...WebConfig.shape,
    logLevel: logLevel().default('info'),
    /** `pretty`: lines a person reads, with a line per forecast and verdict (serve picks it on a terminal). */
    logFormat: oneOf(['json', 'pretty']).optional(),
    exitWhenDone: z.boolean().default(false),
    /** `all`: one process (the default); `poller` / `edge`: one part of a NATS deployment (`docs/deploy.md`). */
    role: oneOf(['all', 'poller', 'edge']).default('all'),
    /** NATS server URLs, comma-separated (every node of a cluster). */
    nats: text(/^nats:\/\/[^\s,]+(,nats:\/\/[^\s,]+)*$/, 'nats://host:port URLs, comma-separated').optional().meta({ env: 'COURTSIDE_NATS' }),
    /** Copies NATS keeps of the stream and the lease; default: one per listed server, at most 3. */
    natsReplicas: number(integerIn(1, 5)).optional(),
  })
  .strict();

export type Config = Readonly<z.output<typeof ServeConfig>> & { readonly dataDir: string | undefined };
export type ConfigInput = Flags<typeof ServeConfig>;

/**
 * Flags beat the environment (`COURTSIDE_PORT`, `COURTSIDE_API_TOKEN`, `COURTSIDE_MAX_CONNECTIONS`,
 * `COURTSIDE_MAX_CONNECTIONS_PER_ADDRESS`, `NBA_DATA_DIR`, `LOG_LEVEL`, `COURTSIDE_NATS`), which beats defaults.
 */
export function loadConfig(options: ConfigInput, env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = parseConfig(ServeConfig, options, env);
  if (parsed.archive !== undefined && parsed.source !== 'replay') throw new ConfigError([{ option: '--archive', problem: 'replays a recorded night: use it with --source replay' }]);
  if (parsed.archive !== undefined && parsed.date !== undefined) throw new ConfigError([{ option: '--date', problem: 'goes without --archive: the archive is one night already' }]);
  if (parsed.inGameModelDir !== undefined && !existsSync(nodePath.join(parsed.inGameModelDir, 'model.json'))) {
    throw new ConfigError([{ option: '--in-game-model', problem: `has no model.json in ${parsed.inGameModelDir}: train one with courtside train --forecaster in-game` }]);
  }
  checkRole(parsed);
  const dataDir = resolveDataDir(parsed.dataDir, env);
  if (parsed.source === 'replay' && parsed.role === 'all' && !dataDir) {
    throw new ConfigError([{ option: '--data', problem: 'is needed to replay a night: pass --data DIR or set NBA_DATA_DIR' }]);
  }
  return Object.freeze({ ...parsed, dataDir });
}

function checkRole(c: z.output<typeof ServeConfig>): void {
  if (c.role === 'all' && c.nats !== undefined) throw new ConfigError([{ option: '--nats', problem: 'is only for --role poller or --role edge: the default --role all is one process' }]);
  if (c.role !== 'all' && c.nats === undefined) throw new ConfigError([{ option: '--nats', problem: `is needed with --role ${c.role} (or set COURTSIDE_NATS)` }]);
  if (c.role === 'poller' && c.source !== 'nba') {
    throw new ConfigError([{ option: '--role', problem: 'poller must poll one shared feed: pass --source nba (with --feed-url of a `courtside replay` for a replayed night)' }]);
  }
}

/** The NATS servers of `--nats`, one URL each. */
export function natsServers(config: Config): string[] {
  return (config.nats ?? '').split(',').filter((url) => url.length > 0);
}
