/**
 * Child process of the live benches: N WebSocket clients of the stream, all in this one process,
 * each noting when every message arrived (same timebase as the parent: timeOrigin + now). Only
 * `seq` is read from each frame, so the clients cost little; client 0 also notes each message's
 * game. Optionally one more client that stops reading at once after asking for `--flood-bytes`
 * worth of snapshots, which fills the kernel's socket buffers at once, as hours of not reading would.
 *
 * Parent → child: `{ type: 'ping', sent }` (answered with the child's clock) and `'report'`.
 */
import WebSocket from 'ws';
import { monotonicNow } from './feed-stamps.ts';

export interface ClientsReady {
  readonly type: 'clients_ready';
  readonly clients: number;
  readonly connectMs: number;
  readonly snapshotBytes: number;
}

export interface ClientTrace {
  /** seq of each game message received, in arrival order. */
  readonly seqs: Int32Array;
  readonly times: Float64Array;
  readonly closeCode: number | undefined;
}

export interface ClientsReport {
  readonly type: 'clients_report';
  readonly traces: ClientTrace[];
  /** seq → game_id and seq → message type, from client 0. */
  readonly games: Record<number, string>;
  readonly types: Record<number, string>;
  readonly cpuMs: number;
  readonly slow?: { readonly closeCode: number | undefined; readonly requested: number };
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (value === undefined) throw new Error(`ws-clients: ${name} is required`);
  return value;
}

class TracingClient {
  readonly ws: WebSocket;
  readonly seqs: number[] = [];
  readonly times: number[] = [];
  closeCode: number | undefined;
  snapshotBytes = 0;
  readonly snapshot: Promise<void>;

  constructor(url: string, seen?: { games: Record<number, string>; types: Record<number, string> }) {
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.on('close', (code) => (this.closeCode = code));
    this.snapshot = new Promise((resolve, reject) => {
      this.ws.once('error', reject);
      this.ws.on('message', (data: Buffer) => {
        const at = monotonicNow();
        const text = data.toString();
        // Frames start `{"type":"<type>","seq":<n>,`.
        const typeEnd = text.indexOf('"', 9);
        const type = text.slice(9, typeEnd);
        if (type === 'snapshot') {
          this.snapshotBytes = data.length;
          resolve();
          return;
        }
        if (type === 'error') return;
        const seq = Number.parseInt(text.slice(typeEnd + 8), 10);
        this.seqs.push(seq);
        this.times.push(at);
        if (seen) {
          seen.games[seq] = (JSON.parse(text) as { game_id: string }).game_id;
          seen.types[seq] = type;
        }
      });
    });
  }
}

const url = arg('--url');
const count = Number(arg('--clients'));
const floodBytes = Number(arg('--flood-bytes', '0'));
const seen = { games: {} as Record<number, string>, types: {} as Record<number, string> };
const started = monotonicNow();
const clients: TracingClient[] = [];
// In batches, so the server's accept queue is never the thing measured.
for (let i = 0; i < count; i += 100) {
  const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) => new TracingClient(url, i + j === 0 ? seen : undefined));
  await Promise.all(batch.map((c) => c.snapshot));
  clients.push(...batch);
}

let slow: { ws: WebSocket; closeCode: number | undefined; requested: number } | undefined;
if (floodBytes > 0) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const requested = Math.ceil(floodBytes / Math.max(1, clients[0]?.snapshotBytes ?? 1));
  slow = { ws, closeCode: undefined, requested };
  const s = slow;
  ws.on('close', (code) => (s.closeCode = code));
  ws.on('error', () => {});
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  ws.pause();
  const subscribe = JSON.stringify({ type: 'subscribe', game_ids: '*' });
  for (let i = 0; i < requested; i++) ws.send(subscribe);
}

const cpuAtReady = process.cpuUsage();
process.send?.({ type: 'clients_ready', clients: clients.length, connectMs: monotonicNow() - started, snapshotBytes: clients[0]?.snapshotBytes ?? 0 } satisfies ClientsReady);

process.on('message', (message: unknown) => {
  if (typeof message === 'object' && message !== null && (message as { type?: string }).type === 'ping') {
    process.send?.({ type: 'pong', sent: (message as { sent: number }).sent, child: monotonicNow() });
    return;
  }
  if (message !== 'report') return;
  const cpu = process.cpuUsage(cpuAtReady);
  const report: ClientsReport = {
    type: 'clients_report',
    traces: clients.map((c) => ({ seqs: Int32Array.from(c.seqs), times: Float64Array.from(c.times), closeCode: c.closeCode })),
    ...seen,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...(slow ? { slow: { closeCode: slow.closeCode, requested: slow.requested } } : {}),
  };
  process.send?.(report, () => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
