/**
 * `courtside replay`: the fake NBA CDN alone, replaying a recorded night until Ctrl-C, so the
 * service can be pointed at it (`--feed-url`) and restarted against a feed that keeps going.
 */
import type { Command } from 'commander';
import { resolveDataDir } from '../data/location.ts';
import { ModelError } from '../model/errors.ts';
import { ReplayError } from '../replay/errors.ts';
import { startFakeCdn } from '../replay/fake-cdn.ts';
import { listNights } from '../replay/nights.ts';
import { replayArchive } from './replay-archive.ts';

interface ReplayOptions {
  data?: string;
  date?: string;
  speed?: string;
  port: string;
  host: string;
  list?: boolean;
  archive?: string;
}

export function register(program: Command): void {
  program
    .command('replay')
    .description('serve a recorded night as a fake NBA live CDN on loopback, until Ctrl-C')
    .option('--data <dir>', 'the NBA dataset folder (default: $NBA_DATA_DIR, else ../shared/nba beside the checkout)')
    .option('--date <YYYY-MM-DD>', 'the night to replay (default: the busiest night of 2017-18)')
    .option('--speed <factor>', 'simulated seconds per real second, e.g. 2000 (default: the night in about 10 minutes)')
    .option('--port <port>', 'port to listen on (0: any free port)', '0')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--list', 'list the replayable nights with their number of games, and exit')
    .option('--archive <file>', 'serve a night recorded by courtside record instead of one from the dataset')
    .action(async (opts: ReplayOptions) => {
      // A message and status 2, without the usage text: the option named is all there is to fix.
      const fail = (message: string): void => {
        process.stderr.write(`courtside replay: ${message}\n`);
        process.exitCode = 2;
      };
      const speed = opts.speed === undefined ? undefined : Number(opts.speed);
      if (speed !== undefined && !(Number.isFinite(speed) && speed > 0)) return fail(`--speed must be a positive number, got ${opts.speed}`);
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`--port must be an integer 0..65535, got ${opts.port}`);
      if (opts.archive !== undefined) {
        if (opts.date !== undefined || opts.list) return fail('--archive replays a recorded night: leave out --date and --list');
        return replayArchive({ file: opts.archive, speed, port, host: opts.host }, fail);
      }
      const dataDir = resolveDataDir(opts.data);
      if (!dataDir) return fail('no dataset: pass --data DIR or set NBA_DATA_DIR');
      try {
        if (opts.list) {
          for (const n of listNights(dataDir)) process.stdout.write(`${n.date}  ${n.season}  ${String(n.games).padStart(2)} games\n`);
          return;
        }
        const cdn = await startFakeCdn({ dataDir, date: opts.date, speed, port, host: opts.host });
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
      } catch (error) {
        if (error instanceof ReplayError || error instanceof ModelError) {
          return fail((error as Error).message);
        }
        throw error;
      }
    });
}
