/**
 * What the latency bench's own clients cost: the same clients' process (`support/ws-clients.ts`,
 * 100 `ws` clients in one Node process) fed by a bare WebSocket server that does nothing but
 * write, every 1/3 s, a burst shaped like a busy night's scoreboard poll: 15 `score_update`
 * frames to every client, corked, one write per client, as Courtside's broadcaster does. No
 * feed, no pipeline, no store. Every burst is as large as the night's largest (the latency
 * bench's polls average ~10 messages), so this is the instrument's share at its heaviest.
 */
import { once } from 'node:events';
import type { Socket } from 'node:net';
import os from 'node:os';
import { WebSocketServer } from 'ws';
import { textFrame } from '../src/broadcast/use/text-frame.ts';
import { ms, writeSection } from './stats.ts';
import { forkSupport, sleep, waitFor } from './support/child.ts';
import { monotonicNow } from './support/feed-stamps.ts';
import { clockOffset, quantiles } from './support/live-run.ts';
import type { ClientsReady, ClientsReport } from './support/ws-clients.ts';

const CLIENTS = 100;
const BURST = 15;
const PERIOD_MS = 1000 / 3;
const WINDOW_S = 120;
const loadAtStart = os.loadavg();

const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
await once(server, 'listening');
const sockets: Socket[] = [];
server.on('connection', (ws) => {
  ws.send(JSON.stringify({ type: 'snapshot', seq: 0, games: [] }));
  sockets.push((ws as unknown as { _socket: Socket })._socket);
});
const { port } = server.address() as { port: number };

const child = forkSupport('ws-clients.ts', ['--url', `ws://127.0.0.1:${port}`, '--clients', String(CLIENTS)]);
await waitFor<ClientsReady>(child, 'clients_ready');
const clock = await clockOffset(child);

let seq = 0;
const sentAt = new Map<number, number>();
/** How long each burst's writes took: uncorking hands every socket's frames to the kernel. */
const writeMs: number[] = [];
function burst(): void {
  const at = monotonicNow();
  const frames = Array.from({ length: BURST }, (_, i) => {
    seq += 1;
    sentAt.set(seq, at);
    const data = { away_team: 'LAL', home_team: 'BOS', away_score: 48, home_score: 51, differential: 3, period: 2, clock: '04:12', status: 'In Progress' };
    return textFrame(JSON.stringify({ type: 'score_update', seq, timestamp: new Date().toISOString(), game_id: `00217002${String(40 + i)}`, data }));
  });
  for (const socket of sockets) socket.cork();
  for (const socket of sockets) for (const frame of frames) socket.write(frame);
  const writing = performance.now();
  for (const socket of sockets) socket.uncork();
  writeMs.push(performance.now() - writing);
}

const warmup = setInterval(burst, PERIOD_MS);
await sleep(5000);
clearInterval(warmup);
writeMs.length = 0;
const firstSeq = seq + 1;
child.send('window');
const timer = setInterval(burst, PERIOD_MS);
await sleep(WINDOW_S * 1000);
clearInterval(timer);
await sleep(500);
const report = waitFor<ClientsReport>(child, 'clients_report');
child.send('report');
const { traces, cpuMs } = await report;
server.close();

const latencies: number[] = [];
for (const trace of traces) {
  for (let i = 0; i < trace.seqs.length; i++) {
    const s = trace.seqs[i] as number;
    const at = sentAt.get(s);
    if (s >= firstSeq && at !== undefined) latencies.push((trace.times[i] as number) - clock.offset - at);
  }
}
latencies.sort((a, b) => a - b);
const q = quantiles(latencies);
const expected = (seq - firstSeq + 1) * CLIENTS;
const writes = quantiles(writeMs.sort((a, b) => a - b));
console.log(`instrument floor: p50 ${ms(q.p50)}, p99 ${ms(q.p99)}, max ${ms(q.max)} over ${latencies.length} of ${expected} deliveries; writes p50 ${ms(writes.p50)}, p99 ${ms(writes.p99)}`);

writeSection('instrument-floor', "What the latency bench's own clients cost, without the service", `
The latency bench's clients' process (${CLIENTS} \`ws\` clients in one Node process, each noting every message's arrival)
fed by a bare WebSocket server in this process that does nothing but write: every ${PERIOD_MS.toFixed(0)} ms, a burst
shaped like the busy night's scoreboard poll, ${BURST} \`score_update\` frames to every client, corked, one write per client
(as Courtside's broadcaster does). No feed, no pipeline, no store. ${WINDOW_S} s measured after 5 s of warm-up.
"Burst written → client" is from the start of the burst's writes to the client's \`message\` event, on one timebase
(offset between the processes ${ms(clock.offset)}, from IPC pings with a best round trip of ${ms(clock.rtt)}).

| clients | deliveries | burst written → client p50 / p99 / max | the burst's writes (uncork, ${CLIENTS} sockets) p50 / p99 / max | clients' process CPU |
| --- | --- | --- | --- | --- |
| ${CLIENTS} | ${latencies.length.toLocaleString('en-US')} of ${expected.toLocaleString('en-US')} | ${ms(q.p50)} / ${ms(q.p99)} / ${ms(q.max)} | ${ms(writes.p50)} / ${ms(writes.p99)} / ${ms(writes.max)} | ${Math.round((cpuMs / (WINDOW_S * 1000)) * 100)}% |

Every burst here is as large as the night's largest (the latency bench's polls average about 10 messages, most of
them in the scoreboard's burst), so this is the instrument's share of the latency bench's "publish → last client" at
its heaviest: what any server would pay here with these clients,
the kernel's loopback writes (on a virtual machine, each can also wake the other vCPU) and one process reading
${CLIENTS} sockets in turn. Load average when the bench started:
${loadAtStart.map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores.
`);
process.exit(0);
