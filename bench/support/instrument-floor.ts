/**
 * The instrument floor: what the latency benches' own clients cost without the service. The same
 * clients' process (`ws-clients.ts`) fed by a bare `ws` server that does nothing but write, every
 * 1/3 s, a burst shaped like a busy night's scoreboard poll: 15 `score_update` frames to every
 * client, corked, one write per client, as Courtside's broadcaster does. No feed, no pipeline, no
 * store. Every burst is as large as the night's largest, so this is the instrument at its heaviest.
 */
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { textFrame } from '../../src/broadcast/use/text-frame.ts';
import { forkSupport, sleep, waitFor } from './child.ts';
import { monotonicNow } from './feed-stamps.ts';
import { clockOffset } from './live-run.ts';
import type { ClientsReady, ClientsReport } from './ws-clients.ts';

export const FLOOR_BURST = 15;
export const FLOOR_PERIOD_MS = 1000 / 3;

export interface FloorResult {
  /** Burst written → message received, ms, sorted, one per (client, message). */
  readonly latencies: Float64Array;
  readonly expected: number;
}

export async function instrumentFloor(clients: number, windowSeconds: number, warmupSeconds = 5): Promise<FloorResult> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await once(server, 'listening');
  const sockets: Socket[] = [];
  server.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'snapshot', seq: 0, games: [] }));
    sockets.push((ws as unknown as { _socket: Socket })._socket);
  });
  const { port } = server.address() as { port: number };
  const child = forkSupport('ws-clients.ts', ['--url', `ws://127.0.0.1:${port}`, '--clients', String(clients)]);
  await waitFor<ClientsReady>(child, 'clients_ready');
  const clock = await clockOffset(child);

  let seq = 0;
  const sentAt = new Map<number, number>();
  const burst = (): void => {
    const at = monotonicNow();
    const frames = Array.from({ length: FLOOR_BURST }, (_, i) => {
      seq += 1;
      sentAt.set(seq, at);
      const data = { away_team: 'LAL', home_team: 'BOS', away_score: 48, home_score: 51, differential: 3, period: 2, clock: '04:12', status: 'In Progress' };
      return textFrame(JSON.stringify({ type: 'score_update', seq, timestamp: new Date().toISOString(), game_id: `00217002${String(40 + i)}`, data }));
    });
    for (const socket of sockets) socket.cork();
    for (const socket of sockets) for (const frame of frames) socket.write(frame);
    for (const socket of sockets) socket.uncork();
  };
  const warmup = setInterval(burst, FLOOR_PERIOD_MS);
  await sleep(warmupSeconds * 1000);
  clearInterval(warmup);
  const firstSeq = seq + 1;
  child.send('window');
  const timer = setInterval(burst, FLOOR_PERIOD_MS);
  await sleep(windowSeconds * 1000);
  clearInterval(timer);
  await sleep(500);
  const report = waitFor<ClientsReport>(child, 'clients_report');
  child.send('report');
  const { traces } = await report;
  child.kill();
  server.close();

  const latencies: number[] = [];
  for (const trace of traces) {
    for (let i = 0; i < trace.seqs.length; i++) {
      const s = trace.seqs[i] as number;
      const at = sentAt.get(s);
      if (s >= firstSeq && at !== undefined) latencies.push((trace.times[i] as number) - clock.offset - at);
    }
  }
  return { latencies: Float64Array.from(latencies).sort(), expected: (seq - firstSeq + 1) * clients };
}
