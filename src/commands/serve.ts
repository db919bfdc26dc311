import { type Command, Option } from 'commander';
import { type Config, ConfigError, loadConfig, NBA_FEED_URL } from '../config.ts';
import { startService } from '../main.ts';
import { startEdge } from '../roles/edge.ts';
import { startPoller } from '../roles/poller.ts';
import { ArchiveError } from '../archive/errors.ts';
import { StoreError } from '../service/store-port.ts';

export function register(program: Command): void {
  program
    .command('serve')
    .description('poll the feed (a replayed night by default), track every game, forecast halftime and stream it all over WebSocket')
    .addOption(new Option('--port <port>', 'HTTP + WebSocket port').default(8765))
    .option('--host <host>', 'interface to listen on', '0.0.0.0')
    .addOption(new Option('--source <source>', 'where scores come from').choices(['replay', 'nba']).default('replay'))
    .option('--data <dir>', 'the NBA dataset folder (default: $NBA_DATA_DIR, else ../shared/nba beside the checkout)')
    .option('--date <YYYY-MM-DD>', 'replay: the night to replay (default: a busy night of 2017-18)')
    .option('--archive <file>', 'replay: a night recorded by courtside record, instead of one from the dataset')
    .option('--speed <factor>', 'replay speed factor, e.g. 2000 plays a night in seconds (default: the night in about 10 minutes); with --source nba, how fast the feed itself runs (1)')
    .option('--feed-url <url>', 'nba: base URL of the live feed', NBA_FEED_URL)
    .option('--poll-seconds <s>', 'seconds between scoreboard polls while games are live', '10')
    .option('--model <dir>', 'trained halftime model folder (default: models/halftime)')
    .option('--coverage <p>', 'nominal coverage of the forecast interval', '0.95')
    .option('--db <file>', 'SQLite state file (default: data/courtside.db with --source nba, a fresh file per replay run)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent')
    .option('--api-token <token>', 'require Authorization: Bearer <token> on /metrics and /api/* (default: $COURTSIDE_API_TOKEN; /health stays open)')
    .option('--no-dashboard', 'stream only: do not build or serve the dashboard')
    .addOption(new Option('--role <role>', 'all: one process; poller or edge: one part of a NATS deployment (docs/deploy.md)').choices(['all', 'poller', 'edge']).default('all'))
    .option('--nats <urls>', 'poller/edge: NATS server URLs, comma-separated (default: $COURTSIDE_NATS)')
    .option('--nats-replicas <n>', 'poller/edge: copies of the stream and lease NATS keeps (default: one per listed server, at most 3)')
    .option('--exit-when-done', 'exit with status 0 once every game is final and every message is sent', false)
    .action(async (opts) => {
      let config;
      try {
        config = loadConfig({
          port: opts.port,
          host: opts.host,
          source: opts.source,
          dataDir: opts.data,
          date: opts.date,
          archive: opts.archive,
          speed: opts.speed,
          feedUrl: opts.feedUrl,
          pollSeconds: opts.pollSeconds,
          modelDir: opts.model,
          coverage: opts.coverage,
          logLevel: opts.logLevel,
          db: opts.db,
          exitWhenDone: opts.exitWhenDone,
          dashboard: opts.dashboard,
          apiToken: opts.apiToken,
          role: opts.role,
          nats: opts.nats,
          natsReplicas: opts.natsReplicas,
        });
      } catch (error) {
        if (error instanceof ConfigError) program.error(error.message, { exitCode: 2, code: error.code });
        throw error;
      }
      if (config.role !== 'all') {
        await startPart(config);
        return;
      }
      let service;
      try {
        service = await startService(config);
      } catch (error) {
        // An unusable database is the operator's to fix (the message names the file and what to
        // do), not a bug: one line, no stack trace, and no help text either.
        if (!(error instanceof StoreError || error instanceof ArchiveError)) throw error;
        process.stderr.write(`courtside serve: ${error.message}\n`);
        process.exitCode = 1;
        return;
      }
      const running = service;
      const shutdown = async (signal: string) => {
        process.stdout.write(`Courtside: ${signal}, shutting down\n`);
        await running.close();
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
        process.exit(0);
      }
    });
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
