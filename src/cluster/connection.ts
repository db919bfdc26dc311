/**
 * The NATS side of a poller or an edge: one connection that reconnects for ever (across a node
 * restart it moves to another node of the cluster), and the stream and lease bucket, made by
 * whoever comes first with the same settings.
 */
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { LEASE_BUCKET, STREAM, SUBJECTS } from './names.ts';

export interface NatsOptions {
  /** Server URLs; list every node of a cluster. */
  readonly servers: readonly string[];
  /** Copies of the stream and the lease (1 for a lone server, 3 for a cluster of three). */
  readonly replicas: number;
  /** Client name, shown in the server's connection list. */
  readonly name: string;
  /** How long JetStream may take to answer at start (a new cluster elects its leader first). */
  readonly readyWithinMs?: number;
}

export interface NatsSide {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  close(): Promise<void>;
}

/** Stream messages kept this long: a night and the morning after, for resumes and takeovers. */
const KEEP_MS = 36 * 3_600_000;

export async function connectNats(options: NatsOptions): Promise<NatsSide> {
  const nc = await connect({ servers: [...options.servers], name: options.name, maxReconnectAttempts: -1, reconnectTimeWait: 250, waitOnFirstConnect: true });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await untilReady(options.readyWithinMs ?? 20_000, () => ensureStream(jsm, options.replicas));
  return { nc, js, jsm, close: () => nc.drain() };
}

/**
 * The lease bucket: its entries expire `ttlMs` after their last write. A write unanswered within
 * the TTL is given up (the lease is as good as gone) and tried again on the next tick.
 */
export async function leaseBucket(side: NatsSide, replicas: number, ttlMs: number): Promise<KV> {
  const kvm = new Kvm(side.js);
  return untilReady(20_000, () => kvm.create(LEASE_BUCKET, { ttl: ttlMs, replicas, history: 1, timeout: Math.max(500, ttlMs) }));
}

async function ensureStream(jsm: JetStreamManager, replicas: number): Promise<void> {
  try {
    await jsm.streams.info(STREAM);
    return;
  } catch (error) {
    if (!/stream not found/i.test((error as Error).message)) throw error;
  }
  await jsm.streams.add({
    name: STREAM,
    subjects: [SUBJECTS],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    num_replicas: replicas,
    max_age: KEEP_MS * 1_000_000,
  });
}

/** Retries while the servers cannot answer yet (no JetStream leader), up to `withinMs`. */
async function untilReady<T>(withinMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
