/**
 * `courtside record` without the command line: the feed client (NBA headers, conditional
 * requests, retries, breaker) tapped into night archives, driven by the service's own poll loop
 * and cadence. With `speed` (the feed is itself a replay), the loop runs that much faster and
 * stamps responses on the feed's clock, so an archive of a replay plays back like the night.
 */
import { type Flags, parseConfig } from '../config/parse.ts';
import { ArchiveError } from '../archive/errors.ts';
import { NbaFeedClient } from '../feed/client.ts';
import type { NbaFeedClientOptions } from '../feed/options.ts';
import { PollLoop } from '../feed/poll-loop.ts';
import type { Logger } from '../domain/logger.ts';
import { RecordOptions } from './config.ts';
import { NightArchives, type NightArchive } from './night-archives.ts';
import { RecordCycle } from './record-cycle.ts';


export interface RecorderDependencies {
  readonly logger: Logger;
  /** Feed client tuning (timeouts, retries), e.g. short ones in tests. */
  readonly feedOptions?: Omit<NbaFeedClientOptions, 'baseUrl' | 'now' | 'tap' | 'observer'>;
  readonly onNight?: (night: string, file: string) => void;
}

export interface Recorder {
  /** Every archive written, once stopped (or once every game is final with `exitWhenDone`); rejects if an archive fails. */
  readonly done: Promise<NightArchive[]>;
  readonly archives: NightArchive[];
  stop(): Promise<NightArchive[]>;
}

export function startRecorder(input: Flags<typeof RecordOptions>, deps: RecorderDependencies): Recorder {
  // Options come from code here (the command has parsed its flags already): no environment.
  const options = parseConfig(RecordOptions, input, {});
  const { logger } = deps;
  const feedUrl = options.feedUrl.replace(/\/+$/, '');
  const startedAt = Date.now();
  const realStart = performance.now();
  const clock = (): number => startedAt + (performance.now() - realStart) * options.speed;
  const archives = new NightArchives({ outDir: options.outDir, feedUrl, speed: options.speed, now: clock, warn: (m) => logger.warn({}, m), onNight: deps.onNight });
  const feed = new NbaFeedClient({ timeoutMs: options.feedTimeoutMs, ...deps.feedOptions, baseUrl: feedUrl, now: clock, tap: archives.tap });
  const cycle = new RecordCycle({ feed, logger, now: clock });

  let settle!: { resolve: (archives: NightArchive[]) => void; reject: (error: unknown) => void };
  const done = new Promise<NightArchive[]>((resolve, reject) => (settle = { resolve, reject }));
  let stopping: Promise<NightArchive[]> | undefined;
  const stop = (failure?: ArchiveError): Promise<NightArchive[]> => {
    stopping ??= (async () => {
      await loop.stop();
      const written = await archives.close().catch((error: unknown) => Promise.reject(failure ?? error));
      if (failure) throw failure;
      return written;
    })();
    stopping.then(settle.resolve, settle.reject);
    return stopping;
  };
  const loop = new PollLoop({
    cycle: async () => {
      const outcome = await cycle.run();
      // After this cycle returns: stopping the loop from inside its own cycle would wait on itself.
      if (options.exitWhenDone && cycle.done) setImmediate(() => void stop().catch(() => undefined));
      return outcome;
    },
    cadence: { liveSeconds: options.pollSeconds },
    timeScale: 1 / options.speed,
    onError: (error) => {
      if (error instanceof ArchiveError) void stop(error).catch(() => undefined);
      else logger.error({ err: error }, 'record cycle failed');
    },
  });
  loop.start();
  return {
    done,
    get archives() {
      return archives.archives;
    },
    stop: () => stop(),
  };
}
