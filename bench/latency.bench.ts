/**
 * Feed response received → message received by the client, with the clients in a separate
 * process, each beside the instrument floor measured in the same run with the same number of
 * clients (`support/instrument-floor.ts`). Bar: p99 ≤ 1.5× the floor's p99, judged on one run.
 * The service is `startService` as `courtside serve --source nba` runs it, against the fake CDN
 * in its own process; see `support/live-run.ts` for how each message is traced.
 */
import os from 'node:os';
import { dataArg, writeSection } from './stats.ts';
import { instrumentFloor } from './support/instrument-floor.ts';
import { liveRun, type LiveRunOptions } from './support/live-run.ts';
import { LATENCY_BAR_RATIO, LATENCY_HEADER, latencyRow, ratioHeader, ratioRow, summaryLine } from './support/live-report.ts';
import { NIGHT_GAMES } from './support/night.ts';

const dataDir = dataArg();
const loadAtStart = os.loadavg();
const base: Omit<LiveRunOptions, 'clients'> = { dataDir, speed: 30, startMinutes: 25, windowSeconds: 120, warmupSeconds: 5 };

await liveRun({ ...base, clients: 100, windowSeconds: 10 }); // warm-up, discarded
const runs = [];
for (const clients of [100, 1000]) {
  const floor = await instrumentFloor(clients, base.windowSeconds);
  const result = await liveRun({ ...base, clients });
  const name = `${clients.toLocaleString('en-US')} clients`;
  console.log(summaryLine(name, result));
  runs.push({ name, floor, result });
}

writeSection('latency', 'Feed response → client, beside the instrument floor', `
Three processes: the fake CDN serving the busy ${NIGHT_GAMES}-game night at the lowest CPU priority (it stands for the NBA's
servers), the service (\`startService\` with \`--source nba\`, under \`src/node-flags.ts\`'s flags, as \`npm start\` runs it)
and one process holding every WebSocket client; the replay runs at speed ${base.speed} from ${base.startMinutes} minutes after the first tip
(a poll every ${(10 / base.speed).toFixed(2)} s), ${base.windowSeconds} s measured after ${base.warmupSeconds} s of warm-up, one run per size after a discarded 10 s run.
A delivery is one (client, message): from the moment the feed response's body arrived (\`fetch\` wrapped) to the client's
\`message\` event, on one timebase (the processes' offset measured by IPC ping). The floor, measured just before each run with
the same number of clients in a new clients' process, is a bare \`ws\` server writing a ${NIGHT_GAMES}-frame burst every
333 ms, corked, one write per client: what any server costs here with these clients. Bar: p99 ≤ ${LATENCY_BAR_RATIO}× the floor's p99, on this one run.
Load average when the bench started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores.

${ratioHeader}
${runs.map((r) => ratioRow(r.name, r.floor, r.result)).join('\n')}

${LATENCY_HEADER}
${runs.map((r) => latencyRow(r.name, r.result)).join('\n')}
`);
