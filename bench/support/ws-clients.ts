/**
 * Child process of the live benches: N WebSocket clients of the stream, all in this one process,
 * each noting when every message arrived (same timebase as the parent: timeOrigin + now). Only
 * `seq` is read from each frame, so the clients cost little; client 0 also notes each message's
 * game. Optionally one more client that stops reading at once after asking for `--flood-bytes`
 * worth of snapshots, which fills the kernel's socket buffers at once, as hours of not reading would.
 *
 * Parent → child: `{ type: 'ping', sent }` (answered with the child's clock), `'window'` (the
 * measured window opens) and `'report'`.
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

/** Answer to `'count'`: messages received so far, over every client (snapshots and errors aside). */
export interface ClientsCount {
  readonly type: 'clients_count';
  readonly received: number;
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

/** An append-only list of numbers in a typed array: off the JS heap, so a million entries add no GC work. */
class Trace<A extends Float64Array | Int32Array> {
  #array: A;
  length = 0;

  constructor(readonly make: (n: number) => A) {
    this.#array = make(1024);
  }

  push(value: number): void {
    if (this.length === this.#array.length) {
      const bigger = this.make(this.#array.length * 2);
      bigger.set(this.#array);
      this.#array = bigger;
    }
    this.#array[this.length++] = value;
  }

  values(): A {
    return this.#array.subarray(0, this.length) as A;
  }
}

const QUOTE = 0x22;
/** `<n>` of a frame starting `{"type":"<type>","seq":<n>,`, read from the bytes without decoding them. */
function seqOf(data: Buffer, typeEnd: number): number {
  let seq = 0;
  for (let i = typeEnd + 8; i < data.length; i++) {
    const digit = (data[i] as number) - 0x30;
    if (digit < 0 || digit > 9) break;
    seq = seq * 10 + digit;
  }
  return seq;
}

class TracingClient {
  readonly ws: WebSocket;
  readonly seqs = new Trace((n) => new Int32Array(n));
  readonly times = new Trace((n) => new Float64Array(n));
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
        // Frames start `{"type":"<type>","seq":<n>,`: the type's first letter tells them apart.
        const typeEnd = data.indexOf(QUOTE, 9);
        const first = data[9];
        if (first === 0x73 && data[10] === 0x6e) {
          // "snapshot"
          this.snapshotBytes = data.length;
          resolve();
          return;
        }
        if (first === 0x65) return; // "error"
        const seq = seqOf(data, typeEnd);
        this.seqs.push(seq);
        this.times.push(at);
        if (seen) {
          seen.games[seq] = (JSON.parse(data.toString()) as { game_id: string }).game_id;
          seen.types[seq] = data.toString('latin1', 9, typeEnd);
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

/** CPU is counted from when the parent opens the measured window (`'window'`). */
let cpuAtWindow = process.cpuUsage();
process.send?.({ type: 'clients_ready', clients: clients.length, connectMs: monotonicNow() - started, snapshotBytes: clients[0]?.snapshotBytes ?? 0 } satisfies ClientsReady);

process.on('message', (message: unknown) => {
  if (typeof message === 'object' && message !== null && (message as { type?: string }).type === 'ping') {
    process.send?.({ type: 'pong', sent: (message as { sent: number }).sent, child: monotonicNow() });
    return;
  }
  if (message === 'count') {
    process.send?.({ type: 'clients_count', received: clients.reduce((n, c) => n + c.seqs.length, 0) } satisfies ClientsCount);
    return;
  }
  if (message === 'window') {
    cpuAtWindow = process.cpuUsage();
    return;
  }
  if (message !== 'report') return;
  const cpu = process.cpuUsage(cpuAtWindow);
  const report: ClientsReport = {
    type: 'clients_report',
    traces: clients.map((c) => ({ seqs: c.seqs.values(), times: c.times.values(), closeCode: c.closeCode })),
    ...seen,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...(slow ? { slow: { closeCode: slow.closeCode, requested: slow.requested } } : {}),
  };
  process.send?.(report, () => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
