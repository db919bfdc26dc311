/**
 * One measured run of the whole service against the busy night: the fake CDN in one child
 * process, the service (`startService`, unchanged) in this one, N WebSocket clients in another.
 * The replay clock stands still while everything connects and the service catches up, then runs
 * at `speed` for `windowSeconds`; every message published in that window is traced from the feed
 * response that caused it to its arrival at every client.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BroadcasterOptions, BroadcastStats } from '../../src/broadcast/index.ts';
import { loadConfig } from '../../src/config.ts';
import { startService, type RunningService } from '../../src/main.ts';
import { percentile } from '../stats.ts';
import type { CdnReady } from './cdn-process.ts';
import { forkSupport, sleep, waitFor } from './child.ts';
import { FeedStamps, monotonicNow } from './feed-stamps.ts';
import { pausedWithin, recordGcPauses, type GcPause } from './gc-pauses.ts';
import type { ClientsReady, ClientsReport } from './ws-clients.ts';

export interface LiveRunOptions {
  readonly dataDir: string;
  readonly clients: number;
  /** Replay speed while measuring: the service polls every 10 s of night time, i.e. every 10/speed s. */
  readonly speed: number;
  /** Where the night stands (minutes after the first tip) when the clock starts. */
  readonly startMinutes: number;
  readonly windowSeconds: number;
  /**
   * Seconds after the clock starts before the window opens: the clients' process is new in every
   * run and has only seen snapshots, so its first messages would be read by cold code.
   */
  readonly warmupSeconds?: number;
  /** Add a client that stops reading after asking for this many bytes of snapshots (0: none). */
  readonly floodBytes?: number;
  readonly broadcast?: Omit<BroadcasterOptions, 'server' | 'snapshot' | 'log' | 'logger'>;
}

/** Per message, sorted, ms. */
export interface Stages {
  /** Response received → the pipeline calls `publish` (parse, validate, track, store, build). */
  readonly handling: number[];
  /** Inside `publish`: seq, message log (SQLite), serialization, a write to every socket. */
  readonly publishing: number[];
  /** `publish` called → the first client has it. */
  readonly firstClient: number[];
  /** `publish` called → the last client has it. */
  readonly lastClient: number[];
}

export interface LiveRunResult {
  /** Feed response received → message received, ms, one per (client, message). */
  readonly latencies: Float64Array;
  readonly stages: Stages;
  readonly messages: number;
  readonly byType: Record<string, number>;
  /** Messages some client never got, or got twice or out of order (should be 0). */
  readonly missing: number;
  readonly duplicates: number;
  readonly unattributed: number;
  readonly clockOffsetMs: number;
  readonly clockRttMs: number;
  readonly serverCpu: number;
  readonly clientCpu: number;
  readonly heapMB: { readonly start: number; readonly max: number; readonly end: number };
  readonly externalMaxMB: number;
  readonly stats: BroadcastStats;
  readonly slowCloseCode: number | undefined;
  /** Share of the 250 ms samples in which the broadcaster counted a slow client. */
  readonly slowShare: number;
  /** Times a sample found a slow client where the previous one found none. */
  readonly slowEpisodes: number;
  readonly slowRequested: number | undefined;
  readonly snapshotBytes: number;
  readonly serviceGc: ServiceGc;
}

/** The service process's GC pauses in the window, and how much of the run's tail they touched. */
export interface ServiceGc {
  readonly pauses: number;
  readonly totalMs: number;
  readonly longestMs: number;
  /**
   * Of the deliveries at or above the run's p99, the share whose burst a pause overlapped on its
   * way through the service: from the feed response to the burst's last `publish` returning
   * (the sockets stay corked until then).
   */
  readonly tailShare: number;
}

const MB = 2 ** 20;

/**
 * When the pipeline handed each message to the broadcaster, and when `publish` returned (stamped,
 * logged, written to every socket): splits the latency into the service's stages. The instance's
 * own method is wrapped; the pipeline calls it through the same object.
 */
function tracePublish(service: RunningService): { called: Map<number, number>; returned: Map<number, number> } {
  const called = new Map<number, number>();
  const returned = new Map<number, number>();
  const broadcaster = service.broadcaster;
  const publish = broadcaster.publish.bind(broadcaster);
  broadcaster.publish = (message) => {
    const at = monotonicNow();
    const seq = publish(message);
    returned.set(seq, monotonicNow());
    called.set(seq, at);
    return seq;
  };
  return { called, returned };
}

/** NTP-style: the child's clock minus ours, from the ping with the shortest round trip. */
export async function clockOffset(child: ChildProcess): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 50; i++) {
    const pong = waitFor<{ sent: number; child: number }>(child, 'pong');
    const sent = monotonicNow();
    child.send({ type: 'ping', sent });
    const reply = await pong;
    const back = monotonicNow();
    if (back - sent < best.rtt) best = { rtt: back - sent, offset: reply.child - (sent + back) / 2 };
  }
  return best;
}

/** Waits until the service has seen every game and published nothing new for `quietMs`. */
async function caughtUp(service: RunningService, games: number, quietMs: number): Promise<void> {
  let seq = -1;
  let since = monotonicNow();
  for (;;) {
    await sleep(100);
    if (service.broadcaster.seq !== seq) {
      seq = service.broadcaster.seq;
      since = monotonicNow();
    } else if (service.pipeline.games.size >= games && monotonicNow() - since >= quietMs) return;
  }
}

export async function liveRun(options: LiveRunOptions): Promise<LiveRunResult> {
  const { dataDir, clients, speed } = options;
  const cdnChild = forkSupport('cdn-process.ts', ['--data', dataDir, '--speed', String(speed), '--start-minutes', String(options.startMinutes)]);
  const cdn = await waitFor<CdnReady>(cdnChild, 'cdn_ready');

  let service: RunningService | undefined;
  const stamps = new FeedStamps(() => service?.broadcaster.seq ?? 0);
  const uninstall = stamps.install();
  const db = path.join(os.tmpdir(), `courtside-bench-${process.pid}-${Date.now()}.db`);
  const config = loadConfig({ source: 'nba', feedUrl: cdn.url, speed, port: 0, host: '127.0.0.1', dataDir, db, dashboard: false, logLevel: 'error' });
  service = await startService(config, {
    broadcastOptions: { maxConnectionsPerAddress: clients + 10, ...options.broadcast },
  });
  await caughtUp(service, cdn.games, 1500);
  const published = tracePublish(service);

  const clientsChild = forkSupport('ws-clients.ts', ['--url', service.wsUrl.replace('localhost', '127.0.0.1'), '--clients', String(clients), '--flood-bytes', String(options.floodBytes ?? 0)]);
  const ready = await waitFor<ClientsReady>(clientsChild, 'clients_ready');
  const clock = await clockOffset(clientsChild);

  global.gc?.();
  const heapStart = process.memoryUsage().heapUsed;
  let heapMax = heapStart;
  let externalMax = 0;
  const slow = { samples: 0, behind: 0, fellBehind: 0, was: false };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    heapMax = Math.max(heapMax, m.heapUsed);
    externalMax = Math.max(externalMax, m.external + m.arrayBuffers);
    const behind = (service as RunningService).broadcaster.stats().slowClients > 0;
    if (behind && !slow.was) slow.fellBehind += 1;
    slow.was = behind;
    slow.samples += 1;
    if (behind) slow.behind += 1;
  }, 250);
  cdnChild.send('go');
  await sleep((options.warmupSeconds ?? 0) * 1000);
  const gc = recordGcPauses();
  const seqAtGo = service.broadcaster.seq;
  const cpuAtGo = process.cpuUsage();
  const goAt = monotonicNow();
  clientsChild.send('window');
  await sleep(options.windowSeconds * 1000);
  const seqAtEnd = service.broadcaster.seq;
  const pauses = gc.stop();
  const cpu = process.cpuUsage(cpuAtGo);
  const serverCpu = (cpu.user + cpu.system) / 1000 / (monotonicNow() - goAt);
  const stats = service.broadcaster.stats();
  clearInterval(sampler);
  global.gc?.();
  const heapEnd = process.memoryUsage().heapUsed;

  // Closing sends each client everything already queued, then the close frame.
  await service.close();
  uninstall();
  // A scoreboard and one pool of play-by-play requests may be cut off by the close.
  stamps.assertComplete(16);
  const report = waitFor<ClientsReport>(clientsChild, 'clients_report');
  clientsChild.send('report');
  const traces = await report;
  cdnChild.disconnect();
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });

  const result = analyse(traces, stamps, published, seqAtGo, seqAtEnd, clock.offset, pauses);
  return {
    ...result,
    clockOffsetMs: clock.offset,
    clockRttMs: clock.rtt,
    serverCpu,
    clientCpu: traces.cpuMs / (monotonicNow() - goAt),
    heapMB: { start: heapStart / MB, max: heapMax / MB, end: heapEnd / MB },
    externalMaxMB: externalMax / MB,
    stats,
    slowCloseCode: traces.slow?.closeCode,
    slowShare: slow.behind / Math.max(1, slow.samples),
    slowEpisodes: slow.fellBehind,
    slowRequested: traces.slow?.requested,
    snapshotBytes: ready.snapshotBytes,
  };
}

type Published = ReturnType<typeof tracePublish>;

function analyse(report: ClientsReport, stamps: FeedStamps, published: Published, fromSeq: number, toSeq: number, offset: number, pauses: readonly GcPause[]) {
  const n = toSeq - fromSeq;
  const cause = new Float64Array(n).fill(Number.NaN);
  const byType: Record<string, number> = {};
  let unattributed = 0;
  for (let seq = fromSeq + 1; seq <= toSeq; seq++) {
    const game = report.games[seq];
    const at = game === undefined ? undefined : stamps.causeOf(seq, game);
    const type = report.types[seq] ?? 'unknown';
    byType[type] = (byType[type] ?? 0) + 1;
    if (at === undefined) unattributed += 1;
    else cause[seq - fromSeq - 1] = at;
  }
  const first = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const latencies: number[] = [];
  /** The message each latency belongs to (its index from fromSeq + 1). */
  const messageOf: number[] = [];
  let missing = 0;
  let duplicates = 0;
  for (const trace of report.traces) {
    const seen = new Uint8Array(n);
    for (let i = 0; i < trace.seqs.length; i++) {
      const k = (trace.seqs[i] as number) - fromSeq - 1;
      if (k < 0 || k >= n) continue;
      if (seen[k]) duplicates += 1;
      seen[k] = 1;
      const c = cause[k] as number;
      if (Number.isNaN(c)) continue;
      const latency = (trace.times[i] as number) - offset - c;
      latencies.push(latency);
      messageOf.push(k);
      first[k] = Math.min(first[k] as number, latency);
      last[k] = Math.max(last[k] as number, latency);
    }
    for (let k = 0; k < n; k++) if (!seen[k]) missing += 1;
  }
  const stages: Stages = { handling: [], publishing: [], firstClient: [], lastClient: [] };
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(first[k] as number)) continue;
    const c = cause[k] as number;
    const called = (published.called.get(fromSeq + k + 1) as number) - c;
    const returned = (published.returned.get(fromSeq + k + 1) as number) - c;
    stages.handling.push(called);
    stages.publishing.push(returned - called);
    stages.firstClient.push((first[k] as number) - called);
    stages.lastClient.push((last[k] as number) - called);
  }
  for (const list of Object.values(stages) as number[][]) list.sort((a, b) => a - b);
  const sorted = Float64Array.from(latencies).sort();
  const serviceGc = gcInTail(pauses, cause, (k) => published.returned.get(fromSeq + k + 1), latencies, messageOf, quantiles(sorted).p99);
  return { latencies: sorted, stages, messages: n, byType, missing, duplicates, unattributed, serviceGc };
}

/**
 * A burst is the messages caused by one feed response (the same stamp): its frames wait, corked,
 * until its last `publish` returns, so a pause anywhere from the response to then delays them all.
 */
function gcInTail(pauses: readonly GcPause[], cause: Float64Array, returned: (k: number) => number | undefined, latencies: readonly number[], messageOf: readonly number[], p99: number): ServiceGc {
  const burstEnd = new Map<number, number>();
  cause.forEach((c, k) => {
    const r = returned(k);
    if (!Number.isNaN(c) && r !== undefined) burstEnd.set(c, Math.max(burstEnd.get(c) ?? r, r));
  });
  const touched = Array.from(cause, (c) => !Number.isNaN(c) && pausedWithin(pauses, c, burstEnd.get(c) ?? c));
  let tail = 0;
  let touchedTail = 0;
  latencies.forEach((latency, i) => {
    if (latency < p99) return;
    tail += 1;
    if (touched[messageOf[i] as number]) touchedTail += 1;
  });
  const lengths = pauses.map((p) => p.end - p.start);
  return {
    pauses: pauses.length,
    totalMs: lengths.reduce((a, b) => a + b, 0),
    longestMs: Math.max(0, ...lengths),
    tailShare: tail === 0 ? 0 : touchedTail / tail,
  };
}

/** p50/p99/max of an already sorted array. */
export function quantiles(sorted: ArrayLike<number>): { p50: number; p99: number; max: number } {
  const list = Array.from(sorted);
  return { p50: percentile(list, 50), p99: percentile(list, 99), max: list.at(-1) ?? Number.NaN };
}
