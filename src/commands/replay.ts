/**
 * `courtside replay`: the fake NBA CDN alone, replaying a recorded night until Ctrl-C, so the
 * service can be pointed at it (`--feed-url`) and restarted against a feed that keeps going.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { port } from '../config/fields.ts';
import { ConfigError, parseConfig } from '../config/parse.ts';
import { resolveDataDir } from '../data/location.ts';
import { ArchiveError } from '../archive/errors.ts';
import { ModelError } from '../model/errors.ts';
import { ReplayConfig } from '../replay/config.ts';
import { ReplayError } from '../replay/errors.ts';
import { startFakeCdn } from '../replay/fake-cdn.ts';
import { listNights } from '../replay/nights.ts';
import { action, EXIT_USAGE } from './fail.ts';
import { replayArchive } from './replay-archive.ts';
import { configOption, flagsOf } from './options.ts';

/** The fake CDN listens on loopback, on any free port, unless told otherwise; no `COURTSIDE_PORT`: that is the service's. */
export const ReplayCommandConfig = z
  .object({
    ...ReplayConfig.shape,
    port: port().default(0),
    host: z.string().min(1).default('127.0.0.1'),
    list: z.boolean().default(false),
  })
  .strict();
type ReplayCommandConfig = z.output<typeof ReplayCommandConfig>;

export function register(program: Command): void {
  const option = (key: string, description: string, value?: string) => configOption(ReplayCommandConfig, key, description, value);
  program
    .command('replay')
    .description('serve a recorded night as a fake NBA live CDN on loopback, until Ctrl-C')
    .addOption(option('dataDir', 'the NBA dataset folder (default: $NBA_DATA_DIR, else ../shared/nba beside the checkout)', '<dir>'))
    .addOption(option('date', 'the night to replay (default: the busiest night of 2017-18)', '<YYYY-MM-DD>'))
    .addOption(option('speed', 'simulated seconds per real second, e.g. 2000 (default: the night in about 10 minutes)', '<factor>'))
    .addOption(option('port', 'port to listen on (0: any free port)'))
    .addOption(option('host', 'interface to listen on'))
    .addOption(option('list', 'list the replayable nights with their number of games, and exit'))
    .addOption(option('archive', 'serve a night recorded by courtside record instead of one from the dataset', '<file>'))
    // A night that cannot be replayed is a matter of which options were given: status 2, like them.
    .action(action(program, 'replay', async (opts: Record<string, unknown>) => replay(parseConfig(ReplayCommandConfig, flagsOf(ReplayCommandConfig, opts))), (e) => (e instanceof ReplayError || e instanceof ModelError || e instanceof ArchiveError ? EXIT_USAGE : undefined)));
}

async function replay(config: ReplayCommandConfig): Promise<void> {
  if (config.archive !== undefined) {
    if (config.date !== undefined || config.list) throw new ConfigError([{ option: '--archive', problem: 'replays a recorded night: leave out --date and --list' }]);
    return replayArchive({ file: config.archive, speed: config.speed, port: config.port, host: config.host });
  }
  const dataDir = resolveDataDir(config.dataDir);
  if (!dataDir) throw new ConfigError('no dataset: pass --data DIR or set NBA_DATA_DIR');
  if (config.list) {
    for (const n of listNights(dataDir)) process.stdout.write(`${n.date}  ${n.season}  ${String(n.games).padStart(2)} games\n`);
    return;
  }
  const cdn = await startFakeCdn({ dataDir, date: config.date, speed: config.speed, port: config.port, host: config.host });
  const { night } = cdn;
  const minutes = (night.closesAt - night.opensAt) / cdn.speed / 60_000;
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out(`Courtside replay: ${night.date}, ${night.games.length} games at speed ${cdn.speed} (all final in about ${minutes.toFixed(1)} min)`);
  for (const g of night.games) if (g.pacing === 'fallback') out(`  ${g.gameId} ${g.gameCode}: paced without stamps (${g.pacingNote})`);
  const missing = night.games.reduce((n, g) => n + g.missingScores.length, 0);
  if (missing > 0) out(`  ${missing} made shots or free throws have no SCORE; the running score skips them`);
  if (night.absent.length > 0) out(`  no play-by-play for ${night.absent.join(', ')}`);
  out(`feed URL: ${cdn.url}`);
  out(`  e.g. courtside serve --source nba --feed-url ${cdn.url} --speed ${cdn.speed}`);
  const finalTimer = setTimeout(() => out('every game is final; still serving (Ctrl-C to stop)'), cdn.clock.realDelayUntil(night.closesAt));
  const shutdown = async (): Promise<void> => {
    clearTimeout(finalTimer);
    await cdn.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
