/**
 * `courtside replay --archive FILE`: a night recorded by `courtside record` served back as the
 * NBA's CDN on loopback, until Ctrl-C.
 */
import { startArchiveCdn } from '../replay/archive/archive-cdn.ts';

export interface ArchiveReplayOptions {
  readonly file: string;
  readonly speed: number | undefined;
  readonly port: number;
  readonly host: string;
}

/** Resolves once serving; an archive it cannot serve is an `ArchiveError`. */
export async function replayArchive(options: ArchiveReplayOptions): Promise<void> {
  const err = (line: string): boolean => process.stderr.write(`${line}\n`);
  const cdn = await startArchiveCdn({
    ...options,
    warn: (message) => err(`warning: ${message}`),
    onError: (error, path) => err(`courtside replay: ${path}: ${(error as Error).message}`),
  });
  const { summary } = cdn;
  const span = (summary.lastAt as number) - (summary.firstAt as number);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out(`Courtside replay: ${options.file}, the night of ${cdn.date}, ${summary.records} responses at speed ${cdn.speed} (over in about ${(span / cdn.speed / 60_000).toFixed(1)} min)`);
  out(`feed URL: ${cdn.url}`);
  out(`  e.g. courtside serve --source nba --feed-url ${cdn.url} --speed ${cdn.speed}`);
  const overTimer = setTimeout(() => out('the archive is over; still serving its last responses (Ctrl-C to stop)'), cdn.clock.realDelayUntil(summary.lastAt as number));
  const shutdown = async (): Promise<void> => {
    clearTimeout(overTimer);
    await cdn.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
