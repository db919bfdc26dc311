/**
 * `serve --role poller`: the composition root of one poller of several. It loads the model at
 * once (a standby takes over without that delay), stands by for the lease, and when it leads runs
 * the usual pipeline and poll loop over a fresh feed client, publishing through the fence.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { type Config, natsServers } from '../config.ts';
import { connectNats, leaseBucket } from '../cluster/connection.ts';
import { FenceError } from '../cluster/fenced-publisher.ts';
import { Lease } from '../cluster/lease.ts';
import { Poller, type PollerRole } from '../cluster/poller.ts';
import { NbaFeedClient } from '../feed/client.ts';
import type { NbaFeedClientOptions } from '../feed/options.ts';
import { PollLoop } from '../feed/poll-loop.ts';
import { createLogger } from '../logging.ts';
import { choosePredictor } from '../predictor-choice.ts';
import { Pipeline } from '../service/pipeline.ts';
import type { Logger } from '../domain/logger.ts';

export interface RunningPoller {
  readonly poller: Poller;
  /** This poller's name in the lease. */
  readonly name: string;
  close(): Promise<void>;
}

export interface PollerDependencies {
  readonly logger?: Logger;
  readonly feedOptions?: Omit<NbaFeedClientOptions, 'baseUrl'>;
  readonly onRole?: (role: PollerRole) => void;
}

/** Shortest lease: below it a busy event loop would lose the lease between two renewals. */
const MIN_LEASE_MS = 150;

/** The lease outlives one missed renewal but lapses within two poll intervals of a crash. */
export function leaseTtlMs(config: Pick<Config, 'pollSeconds' | 'speed'>): number {
  return Math.max(MIN_LEASE_MS, Math.round((1.5 * config.pollSeconds * 1000) / (config.speed ?? 1)));
}

export async function startPoller(config: Config, deps: PollerDependencies = {}): Promise<RunningPoller> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const name = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const predictor = await choosePredictor(config, logger);
  const servers = natsServers(config);
  const replicas = config.natsReplicas ?? Math.min(3, servers.length);
  const side = await connectNats({ servers, replicas, name: `courtside-poller-${name}` });
  const ttlMs = leaseTtlMs(config);
  const lease = new Lease(await leaseBucket(side, replicas, ttlMs), name);
  const speed = config.speed ?? 1;

  const poller = new Poller({
    js: side.js,
    jsm: side.jsm,
    lease,
    ttlMs,
    logger: logger.child({ component: 'poller', name }),
    onRole: (role) => {
      logger.info({ role, name }, `poller ${role}`);
      deps.onRole?.(role);
    },
    lead: (games, sink, refused) => {
      const pipeline = new Pipeline({
        feed: new NbaFeedClient({ ...deps.feedOptions, baseUrl: config.feedUrl }),
        sink,
        predictor,
        logger: logger.child({ component: 'pipeline' }),
        restored: games,
      });
      const loop = new PollLoop({
        cycle: async () => {
          try {
            return await pipeline.cycle();
          } finally {
            await sink.settled();
          }
        },
        cadence: { liveSeconds: config.pollSeconds },
        timeScale: 1 / speed,
        onError: (err: unknown) => {
          if (err instanceof FenceError) refused();
          else logger.error({ err }, 'poll cycle failed');
        },
      });
      loop.start();
      return { stop: () => loop.stop() };
    },
  });
  poller.start();
  logger.info({ name, nats: servers, replicas, leaseMs: ttlMs, feedUrl: config.feedUrl }, 'poller standing by for the lease');

  let closing: Promise<void> | undefined;
  return {
    poller,
    name,
    close() {
      closing ??= (async () => {
        await poller.stop();
        await side.close();
      })();
      return closing;
    },
  };
}
