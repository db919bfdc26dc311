/**
 * Issue 20: what the hop through NATS costs. The same synthetic bursts (a scoreboard poll's
 * `score_update`s) are delivered to N clients three ways in one run: a bare `ws` fan-out (the
 * instrument floor), one process (the `Broadcaster` as `--role all` runs it), and one poller + three
 * edges (a `FencedPublisher` into a one-node JetStream, three `courtside serve --role edge`
 * processes, the clients split evenly over them). Latency is publish call → client `message` event.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { Broadcaster } from '../src/broadcast/index.ts';
import { connectNats } from '../src/cluster/connection.ts';
import { FencedPublisher } from '../src/cluster/fenced-publisher.ts';
import { streamHead } from '../src/cluster/stream-reader.ts';
import { startNats } from '../src/cluster/testing/nats-server.ts';
import { PROJECT_ROOT } from '../src/data/location.ts';
import type { ServerMessage, Unsequenced } from '../src/protocol/messages.ts';
import { ms, percentile, writeSection } from './stats.ts';
import { forkSupport, sleep, waitFor } from './support/child.ts';
import { monotonicNow } from './support/feed-stamps.ts';
import type { ClientsCount, ClientsReady, ClientsReport } from './support/ws-clients.ts';

const CLIENT_COUNTS = [1_000, 10_000];
const BURSTS = 10;
const PER_BURST = 5;
/** How long after the last burst the clients may take to receive everything. */
const DRAIN_MS = 30_000;
const BURST_EVERY_MS = 1_000;
const LIMITS = { maxConnections: 20_000, maxConnectionsPerAddress: 20_000 };

function message(i: number): Unsequenced<ServerMessage> {
  const home = 2 * i;
  return {
    type: 'score_update', timestamp: new Date().toISOString(), game_id: `00217000${10 + (i % PER_BURST)}`,
    data: { away_team: 'ATL', home_team: 'CHA', away_score: i, home_score: home, differential: home - i, period: 2, clock: '05:00', status: 'In Progress', game_date: '2017-10-20', start_time: '2017-10-20T23:00:00Z' },
  };
}

interface Row { readonly setup: string; readonly clients: number; readonly held: number; readonly deliveries: number; readonly expected: number; readonly p50: number; readonly p99: number }

/**
 * Clients over `urls` (evenly), `BURSTS` bursts published by `publish` (returns each seq), then the
 * latencies. With `games`, the clients of `urls[i]` follow only `games[i]`.
 */
async function measure(setup: string, urls: readonly string[], clients: number, publish: (m: Unsequenced<ServerMessage>) => number, games?: readonly string[]): Promise<Row> {
  const counts = urls.map((_, i) => Math.floor(clients / urls.length) + (i < clients % urls.length ? 1 : 0));
  const children = urls.map((url, i) => forkSupport('ws-clients.ts', ['--url', games ? `${url}?game_ids=${games[i]}` : url, '--clients', String(counts[i])]));
  const ready = await Promise.all(children.map((c) => waitFor<ClientsReady>(c, 'clients_ready')));
  const sentAt = new Map<number, number>();
  const gameOf = new Map<number, string>();
  for (let b = 0; b < BURSTS; b += 1) {
    for (let k = 0; k < PER_BURST; k += 1) {
      const at = monotonicNow();
      const m = message(b * PER_BURST + k);
      const seq = publish(m);
      sentAt.set(seq, at);
      if ('game_id' in m) gameOf.set(seq, m.game_id);
    }
    await sleep(BURST_EVERY_MS);
  }
  // What each child's clients are owed: every message, or those of their game.
  const owed = urls.map((_, i) => (games ? [...gameOf.values()].filter((g) => g === games[i]).length : sentAt.size));
  // Held means every message arrived, however late: wait for all of them (or give up after a while).
  const due = counts.reduce((n, count, i) => n + count * (owed[i] as number), 0);
  for (const deadline = monotonicNow() + DRAIN_MS; monotonicNow() < deadline; await sleep(250)) {
    const counts = await Promise.all(children.map((c) => {
      const r = waitFor<ClientsCount>(c, 'clients_count');
      c.send('count');
      return r;
    }));
    if (counts.reduce((n, c) => n + c.received, 0) >= due) break;
  }
  const reports = await Promise.all(children.map((c) => {
    const r = waitFor<ClientsReport>(c, 'clients_report');
    c.send('report');
    return r;
  }));
  const latencies: number[] = [];
  let held = 0;
  for (const [i, report] of reports.entries()) {
    for (const trace of report.traces) {
      let mine = 0;
      trace.seqs.forEach((seq, i) => {
        const sent = sentAt.get(seq);
        if (sent === undefined) return;
        latencies.push((trace.times[i] as number) - sent);
        mine += 1;
      });
      if (trace.closeCode === undefined && mine === owed[i]) held += 1;
    }
  }
  latencies.sort((a, b) => a - b);
  const connected = ready.reduce((n, r) => n + r.clients, 0);
  console.log(`${setup}, ${clients} clients (${connected} connected): p50 ${ms(percentile(latencies, 50))} p99 ${ms(percentile(latencies, 99))}, held ${held}`);
  return { setup, clients, held, deliveries: latencies.length, expected: due, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function httpServer() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

const rows: Row[] = [];
const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(', ');
const nats = await startNats(1);
const side = await connectNats({ servers: [nats.servers], replicas: 1, name: 'bench-poller' });
const env = { ...process.env, COURTSIDE_MAX_CONNECTIONS: String(LIMITS.maxConnections), COURTSIDE_MAX_CONNECTIONS_PER_ADDRESS: String(LIMITS.maxConnectionsPerAddress) };
const edge = () => new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--role', 'edge', '--nats', nats.servers, '--port', '0', '--host', '127.0.0.1', '--no-dashboard', '--log-level', 'warn'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /stream (ws:\/\/[^ ]+)/.exec(out);
    if (m) resolve({ child, url: (m[1] as string).replace('localhost', '127.0.0.1') });
  });
  child.once('exit', (code) => reject(new Error(`edge exited ${code}: ${out}`)));
});
// Edges whose clients follow every game take the whole stream; the others' clients follow one game
// each, so those edges take one game's messages each, merged by seq (kept apart: an edge follows every
// game for 30 s after its last client that did).
const edges = await Promise.all([0, 1, 2].map(() => edge()));
const gameEdges = await Promise.all([0, 1, 2].map(() => edge()));
const ONE_GAME = ['0021700010', '0021700011', '0021700012'];
const WHOLE_STREAM = '1 poller + 3 edges taking every game, clients of one game each';
const GAME_BY_GAME = '1 poller + 3 edges taking only their clients\' game';
// One client of every game on each of the first edges, all along: they take the whole stream whoever else connects.
const everyGame = await Promise.all(edges.map((e) => new Promise<WebSocket>((resolve, reject) => {
  const ws = new WebSocket(e.url);
  ws.once('open', () => resolve(ws));
  ws.once('error', reject);
})));

try {
  for (const clients of CLIENT_COUNTS) {
    {
      const { server, url } = await httpServer();
      const wss = new WebSocketServer({ server, perMessageDeflate: false });
      wss.on('connection', (ws) => ws.send(JSON.stringify({ type: 'snapshot', seq: 0 })));
      let seq = 0;
      rows.push(await measure('floor: bare ws fan-out', [url, url, url], clients, (m) => {
        seq += 1;
        const { type, ...rest } = m;
        const json = JSON.stringify({ type, seq, ...rest });
        for (const ws of wss.clients) ws.send(json);
        return seq;
      }));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    {
      const { server, url } = await httpServer();
      const broadcaster = new Broadcaster({ server, snapshot: () => [], ...LIMITS });
      rows.push(await measure('1 process (--role all)', [url, url, url], clients, (m) => broadcaster.publish(m)));
      await broadcaster.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    {
      const sink = new FencedPublisher(side.js, (await streamHead(side.jsm)).lastSeq);
      rows.push(await measure('1 poller + 3 edges', edges.map((e) => e.url), clients, (m) => sink.publish(m)));
      rows.push(await measure(WHOLE_STREAM, edges.map((e) => e.url), clients, (m) => sink.publish(m), ONE_GAME));
      rows.push(await measure(GAME_BY_GAME, gameEdges.map((e) => e.url), clients, (m) => sink.publish(m), ONE_GAME));
      await sink.settled();
    }
  }
} finally {
  for (const ws of everyGame) ws.terminate();
  for (const e of [...edges, ...gameEdges]) e.child.kill('SIGKILL');
  await side.close();
  await nats.close();
}

const floor = (clients: number) => rows.find((r) => r.clients === clients && r.setup.startsWith('floor')) as Row;
const single = (clients: number) => rows.find((r) => r.clients === clients && r.setup.startsWith('1 process')) as Row;
const wholeStream = (clients: number) => rows.find((r) => r.clients === clients && r.setup === WHOLE_STREAM) as Row;
const ratio = (r: Row, base: Row) => `${(r.p50 / base.p50).toFixed(2)}× / ${(r.p99 / base.p99).toFixed(2)}×`;
const table = rows.map((r) => {
  const f = floor(r.clients);
  // Rows of one-game clients owe each client a fifth of the messages: compared with each other only.
  const oneGame = r.setup === WHOLE_STREAM || r.setup === GAME_BY_GAME;
  const vsFloor = oneGame ? '' : ` ${(r.p50 / f.p50).toFixed(1)}× / ${(r.p99 / f.p99).toFixed(1)}× `;
  const hop = r.setup === '1 poller + 3 edges' ? ` ${ratio(r, single(r.clients))} ` : '';
  const merge = r.setup === GAME_BY_GAME ? ` ${ratio(r, wholeStream(r.clients))} ` : '';
  return `| ${r.setup} | ${r.clients.toLocaleString('en-US')} | ${r.held.toLocaleString('en-US')} | ${r.deliveries.toLocaleString('en-US')} of ${r.expected.toLocaleString('en-US')} | ${ms(r.p50)} | ${ms(r.p99)} |${vsFloor}|${hop}|${merge}|`;
});
writeSection('cluster', 'One process vs one poller + three edges over NATS JetStream', `
| setup | clients | clients held | deliveries | p50 | p99 | p50 / p99 vs floor | p50 / p99 vs 1 process | p50 / p99 vs taking every game |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${table.join('\n')}

Method: in one run, for each client count, the same ${BURSTS} bursts of ${PER_BURST} \`score_update\`s, one burst a second, go to the
clients three ways: the floor (a bare \`ws\` server sending each message to every socket, in this process), one process (the
\`Broadcaster\` of \`--role all\`, in this process), and one poller + three edges (a \`FencedPublisher\` in this process publishing
into a one-node JetStream \`nats-server\`, three \`courtside serve --role edge\` child processes, the clients split evenly over them);
then clients that each follow one game of the five in a burst (\`?game_ids=\`, owed ${BURSTS} messages, not ${BURSTS * PER_BURST}), twice: on those
three edges, which also hold a client of every game all along and so take the whole stream, and on three other edges, which take
from NATS only their clients' game and merge it back into \`seq\` order; the last column is what following game by game costs.
The clients are three child processes of \`ws\` clients (\`bench/support/ws-clients.ts\`), each noting when every message arrived;
latency is from the \`publish\` call to the client's \`message\` event on the same clock (\`timeOrigin + now\`, processes not
offset-corrected). "Held" counts clients still connected that received every message, waited for up to 30 s after the last burst. Everything shares this machine's
2 cores (and other engineers' work): the edges, NATS and the clients compete for the same CPU, so the ratios are what to read.
Load average when the bench started: ${loadAtStart} on ${os.cpus().length} cores.
`);
process.exit(0);
