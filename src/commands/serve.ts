import type { Command } from 'commander';
import { type Config, loadConfig, ServeConfig } from '../config.ts';
import { serviceLogger, startService } from '../main.ts';
import { startEdge } from '../roles/edge.ts';
import { startPoller } from '../roles/poller.ts';
import { ArchiveError } from '../archive/errors.ts';
import type { CourtsideError } from '../errors.ts';
import { ListenError } from '../http/errors.ts';
import { ModelError } from '../model/errors.ts';
import { ReplayError } from '../replay/errors.ts';
import { StoreError } from '../service/store-port.ts';
import { NightReport } from '../terminal/night-report.ts';
import { WebError } from '../web/errors.ts';
import { action, EXIT_FAILURE, EXIT_USAGE } from './fail.ts';
import { configOption, FEED_HELP, flagsOf } from './options.ts';
import { logVerdicts } from './verdict-log.ts';

export function register(program: Command): void {
  const option = (key: string, description: string, value?: string) => configOption(ServeConfig, key, description, value);
  program
    .command('serve')
    .description('poll the feed (a replayed night by default), track every game, forecast halftime and stream it all over WebSocket')
    .addOption(option('port', 'HTTP + WebSocket port'))
    .addOption(option('host', 'interface to listen on'))
    .addOption(option('source', 'where scores come from'))
    .addOption(option('dataDir', 'the NBA dataset folder (default: $NBA_DATA_DIR, else ../shared/nba beside the checkout)', '<dir>'))
    .addOption(option('date', 'replay: the night to replay (default: a busy night of 2017-18)', '<YYYY-MM-DD>'))
    .addOption(option('archive', 'replay: a night recorded by courtside record, instead of one from the dataset', '<file>'))
    .addOption(option('speed', 'replay speed factor, e.g. 2000 plays a night in seconds (default: the night in about 10 minutes); with --source nba, how fast the feed itself runs (1)', '<factor>'))
    .addOption(option('feedUrl', 'nba: base URL of the live feed', '<url>'))
    .addOption(option('pollSeconds', FEED_HELP.pollSeconds, '<s>'))
    .addOption(option('modelDir', 'trained halftime model folder', '<dir>'))
    .addOption(option('inGameModelDir', 'the whole-game model of forecast_update (default: models/in-game; off with a warning when missing)', '<dir>'))
    .addOption(option('coverage', 'nominal coverage of the forecast interval', '<p>'))
    .addOption(option('db', 'SQLite state file (default: data/courtside.db with --source nba, a fresh file per replay run)', '<file>'))
    .addOption(option('logLevel', 'pino log level', '<level>'))
    .addOption(option('logFormat', 'pretty: lines a person reads, one per forecast and verdict, a tally at the end (default on a terminal); json: one JSON object a line (default otherwise)', '<format>'))
    .addOption(option('apiToken', 'require Authorization: Bearer <token> on /metrics and /api/* (/health stays open)', '<token>'))
    .addOption(option('feedTimeoutMs', FEED_HELP.feedTimeoutMs, '<ms>'))
    .addOption(option('token', 'require this token from every stream client: Authorization: Bearer <token> or ?token= (else 401)', '<token>'))
    .addOption(option('allowedOrigins', 'a browser origin allowed to connect to the stream, e.g. https://courtside.example; repeat for several (others get 403)', '<origin>'))
    .addOption(option('maxConnections', 'WebSocket connections at once, in all (default: 1500)', '<n>'))
    .addOption(option('maxConnectionsPerAddress', 'WebSocket connections at once from one address (default: 100)', '<n>'))
    .addOption(option('dashboard', 'stream only: do not serve the dashboard'))
    .addOption(option('role', 'all: one process; poller or edge: one part of a NATS deployment (docs/deploy.md)'))
    .addOption(option('nats', 'poller/edge: NATS server URLs, comma-separated', '<urls>'))
    .addOption(option('natsReplicas', 'poller/edge: copies of the stream and lease NATS keeps (default: one per listed server, at most 3)', '<n>'))
    .addOption(option('exitWhenDone', 'exit with status 0 once every game is final and every message is sent'))
    .action(action(program, 'serve', async (opts: Record<string, unknown>) => serve(loadConfig(flagsOf(ServeConfig, opts))), serveFailure));
}

/**
 * How a start-up that could not happen ends: a night, a dataset or an address the user named is
 * theirs to change (status 2, like an option); a database, an archive or a dashboard build, theirs to fix (1).
 */
function serveFailure(e: CourtsideError): number | undefined {
  if (e instanceof ReplayError || e instanceof ModelError || e instanceof ListenError) return EXIT_USAGE;
  if (e instanceof StoreError || e instanceof WebError || e instanceof ArchiveError) return EXIT_FAILURE;
  return undefined;
}

async function serve(given: Config): Promise<void> {
  if (given.role !== 'all') {
    await startPart(given);
    return;
  }
  const config: Config = { ...given, logFormat: given.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json') };
  const report = config.logFormat === 'pretty' ? new NightReport({ write: (line) => process.stdout.write(`${line}\n`) }) : undefined;
  const summarize = (): void => {
    for (const line of report?.summary() ?? []) process.stdout.write(`${line}\n`);
  };
  const logger = serviceLogger(config);
  const service = await startService(config, { logger, onMessage: report ? (m) => report.observe(m) : logVerdicts(logger) });
  const shutdown = async (signal: string) => {
    process.stdout.write(`Courtside: ${signal}, shutting down\n`);
    await service.close();
    summarize();
    process.exit(0);
  };
  // Before the ready line: a supervisor may signal as soon as it reads it, and a signal that
  // arrives before its handler kills the process without the graceful shutdown.
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.stdout.write(`Courtside: stream ws://localhost:${service.port}  dashboard ${service.url}  feed ${service.feedUrl}\n`);
  if (config.exitWhenDone) {
    await service.done;
    await service.close();
    summarize();
    process.exit(0);
  }
}

/** A poller or an edge: started, announced, and closed on SIGINT/SIGTERM. */
async function startPart(config: Config): Promise<void> {
  const part = config.role === 'poller' ? await startPoller(config) : await startEdge(config);
  const shutdown = async (signal: string) => {
    process.stdout.write(`Courtside ${config.role}: ${signal}, shutting down\n`);
    await part.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const where = 'wsUrl' in part ? `stream ${part.wsUrl}  dashboard ${part.url}` : `standing by as ${part.name}, feed ${config.feedUrl}`;
  process.stdout.write(`Courtside ${config.role}: ${where}  nats ${config.nats}\n`);
}
