/**
 * Child process of the soak: N WebSocket clients that each check their stream as it comes:
 * `seq` must go up by exactly one from message to message (nothing lost, nothing twice, nothing
 * out of order), and every game gets at most one `ml_prediction`. Client 0 also keeps each
 * forecast's pattern and each game's last minute pattern, for the parent to compare with
 * minute_diffs.csv: what a user of the stream ends up with.
 *
 * Parent → child: `'report'`, answered with a `SoakClientsReport`.
 */
import WebSocket from 'ws';

export interface SoakClientSummary {
  readonly received: number;
  /** Times `seq` jumped forward by more than one, and the messages skipped. */
  readonly gaps: number;
  readonly skipped: number;
  /** Times `seq` did not go up (a repeat or a step back). */
  readonly repeats: number;
  readonly forecasts: number;
  readonly forecastGames: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly closeCode: number | undefined;
}

export interface SoakClientsReport {
  readonly type: 'soak_report';
  readonly clients: SoakClientSummary[];
  readonly byType: Record<string, number>;
  /** From client 0: game_id → d1..d18 of its forecast, and → its last `pattern_progress`. */
  readonly patterns: Record<string, number[]>;
  readonly finalPatterns: Record<string, { readonly pattern: number[]; readonly approximate: boolean }>;
  readonly cpuMs: number;
}

class CheckingClient {
  readonly ws: WebSocket;
  received = 0;
  gaps = 0;
  skipped = 0;
  repeats = 0;
  forecasts = 0;
  readonly forecastGames = new Set<string>();
  firstSeq = -1;
  lastSeq = -1;
  closeCode: number | undefined;
  readonly ready: Promise<void>;

  constructor(url: string, seen?: Pick<SoakClientsReport, 'byType' | 'patterns' | 'finalPatterns'>) {
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.on('close', (code) => (this.closeCode = code));
    this.ready = new Promise((resolve, reject) => {
      this.ws.once('error', reject);
      this.ws.on('message', (data: Buffer) => {
        const text = data.toString();
        const typeEnd = text.indexOf('"', 9);
        const type = text.slice(9, typeEnd);
        if (type === 'snapshot') return resolve();
        if (type === 'error') return;
        const seq = Number.parseInt(text.slice(typeEnd + 8), 10);
        this.#sequence(seq);
        if (seen) seen.byType[type] = (seen.byType[type] ?? 0) + 1;
        if (seen && type === 'pattern_progress') {
          const progress = JSON.parse(text) as { game_id: string; pattern: number[]; approximate: boolean };
          seen.finalPatterns[progress.game_id] = { pattern: progress.pattern, approximate: progress.approximate };
        }
        if (type !== 'ml_prediction') return;
        const message = JSON.parse(text) as { game_id: string; pattern: number[] };
        this.forecasts += 1;
        this.forecastGames.add(message.game_id);
        if (seen) seen.patterns[message.game_id] = message.pattern;
      });
    });
  }

  #sequence(seq: number): void {
    this.received += 1;
    if (this.firstSeq < 0) this.firstSeq = seq;
    else if (seq > this.lastSeq + 1) {
      this.gaps += 1;
      this.skipped += seq - this.lastSeq - 1;
    } else if (seq <= this.lastSeq) this.repeats += 1;
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  summary(): SoakClientSummary {
    const { received, gaps, skipped, repeats, forecasts, firstSeq, lastSeq, closeCode } = this;
    return { received, gaps, skipped, repeats, forecasts, forecastGames: this.forecastGames.size, firstSeq, lastSeq, closeCode };
  }
}

function arg(name: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) throw new Error(`soak-clients: ${name} is required`);
  return value;
}

const url = arg('--url');
const count = Number(arg('--clients'));
const seen: Pick<SoakClientsReport, 'byType' | 'patterns' | 'finalPatterns'> = { byType: {}, patterns: {}, finalPatterns: {} };
const clients: CheckingClient[] = [];
for (let i = 0; i < count; i += 100) {
  const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) => (i + j === 0 ? new CheckingClient(url, seen) : new CheckingClient(url)));
  await Promise.all(batch.map((c) => c.ready));
  clients.push(...batch);
}
const cpuAtReady = process.cpuUsage();
process.send?.({ type: 'soak_clients_ready', clients: clients.length });
process.on('message', (message) => {
  if (message !== 'report') return;
  const cpu = process.cpuUsage(cpuAtReady);
  const report: SoakClientsReport = { type: 'soak_report', clients: clients.map((c) => c.summary()), ...seen, cpuMs: (cpu.user + cpu.system) / 1000 };
  process.send?.(report, () => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
