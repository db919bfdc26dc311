/**
 * A recorded night (`courtside record`) served back on loopback as the NBA's CDN: the archive's
 * responses at the NBA's paths, with their original timing, scaled by `speed`.
 */
import { ArchiveError } from '../../archive/errors.ts';
import { ArchiveReader, type ArchiveSummary } from '../../archive/reader.ts';
import { optionError } from '../errors.ts';
import { listenLoopback } from '../loopback-server.ts';
import { DEFAULT_REPLAY_MINUTES } from '../nights.ts';
import { ReplayClock } from '../replay-clock.ts';
import { LIVE_DATA_PATH } from '../routes.ts';
import { createArchiveHandler } from './handler.ts';
import { ArchiveTimeline } from './timeline.ts';

export interface ArchiveCdnOptions {
  readonly file: string;
  /** Simulated seconds per real second; default: the archive in about 10 minutes. */
  readonly speed?: number | undefined;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Real time source in ms, for tests. */
  readonly now?: () => number;
  /** Told about a torn tail dropped at open. */
  readonly warn?: (message: string) => void;
  readonly onError?: (error: unknown, path: string) => void;
}

export interface ArchiveCdn {
  /** Base URL ending in `/static/json/liveData`, to use as the feed URL. */
  readonly url: string;
  /** The night recorded, `YYYY-MM-DD`. */
  readonly date: string;
  readonly speed: number;
  readonly clock: ReplayClock;
  readonly summary: ArchiveSummary;
  /** True once the simulated clock is past the last recorded response. */
  isFinished(): boolean;
  close(): Promise<void>;
}

export async function startArchiveCdn(options: ArchiveCdnOptions): Promise<ArchiveCdn> {
  const { speed, port = 0, host = '127.0.0.1' } = options;
  if (speed !== undefined && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) throw optionError(`speed must be a positive number, got ${String(speed)}`);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw optionError(`port must be an integer 0..65535, got ${String(port)}`);
  const reader = ArchiveReader.open(options.file, { warn: options.warn });
  const { summary } = reader;
  const [first] = summary.segments;
  if (!first || summary.firstAt === undefined || summary.lastAt === undefined) throw new ArchiveError('archive_empty', options.file, 'holds no recorded response');
  const { firstAt, lastAt } = summary;
  const clock = new ReplayClock({ start: firstAt, speed: speed ?? Math.max(1, Math.round((lastAt - firstAt) / (DEFAULT_REPLAY_MINUTES * 60_000))), now: options.now });
  const timeline = new ArchiveTimeline(reader, { onError: (error) => options.onError?.(error, options.file) });
  const server = await listenLoopback(createArchiveHandler({ timeline, clock, onError: options.onError }), port, host);
  return {
    url: `${server.origin}${LIVE_DATA_PATH}`,
    date: first.night,
    speed: clock.speed,
    clock,
    summary,
    isFinished: () => clock.now() >= lastAt,
    close: () => server.close(),
  };
}
