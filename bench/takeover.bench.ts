/**
 * Issue 20's takeover bar: kill -9 the leading poller and time until the standby takes the
 * lease, against the poll interval. A 3-node JetStream cluster, two `courtside serve --role poller`
 * processes polling a replayed night (speed 300, a poll every 200 ms of real time, the lease
 * 300 ms); the leader is killed KILLS times, a fresh standby started after each kill.
 */
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { connectNats, leaseBucket } from '../src/cluster/connection.ts';
import { Lease } from '../src/cluster/lease.ts';
import { startNats } from '../src/cluster/testing/nats-server.ts';
import { BASELINE_MODEL } from '../src/config/model.ts';
import { leaseTtlMs } from '../src/roles/poller.ts';
import { CliProcess } from '../test/support/cli-process.ts';
import { ReplayedNight } from '../test/support/replayed-night.ts';
import { leadingPoller, takenOverAt } from '../test/support/takeover.ts';
import { dataArg, ms, percentile, writeSection } from './stats.ts';

const dataDir = dataArg();
const NIGHT = '2017-10-20';
const SPEED = 300;
const POLL_SECONDS = 60;
const POLL_MS = (POLL_SECONDS * 1000) / SPEED;
const KILLS = 8;
const loadAtStart = os.loadavg();

const nats = await startNats(3);
const observer = await connectNats({ servers: nats.nodes.map((n) => n.url), replicas: 3, name: 'bench-observer' });
const lease = new Lease(await leaseBucket(observer, 3, leaseTtlMs({ pollSeconds: POLL_SECONDS, speed: SPEED })), 'bench-observer');
const replay = await ReplayedNight.start(dataDir, NIGHT, SPEED);
await replay.ready;
const pollers: CliProcess[] = [];
const poller = async (): Promise<CliProcess> => {
  const p = new CliProcess(['serve', '--role', 'poller', '--source', 'nba', '--feed-url', replay.feedUrl, '--speed', String(SPEED), '--poll-seconds', String(POLL_SECONDS),
    '--model', BASELINE_MODEL, '--nats', nats.servers, '--log-level', 'info'], { NBA_DATA_DIR: dataDir });
  pollers.push(p);
  await p.waitFor(/standing by as/, 120_000);
  return p;
};

const took: number[] = [];
try {
  await Promise.all([poller(), poller()]);
  for (let kill = 0; kill < KILLS; kill += 1) {
    const { holder, poller: victim } = await leadingPoller(lease, pollers);
    // A second of leading first: the kill lands on a poller in its stride, not one still taking over.
    await delay(1_000);
    const killed = Date.now();
    await victim.kill('SIGKILL');
    const tookAt = await takenOverAt(pollers, killed);
    if (tookAt === undefined) throw new Error(`no poller took over within 10 s of killing ${holder}`);
    took.push(tookAt - killed);
    console.log(`kill ${kill + 1}: taken over ${tookAt - killed} ms after`);
    await poller();
  }
} finally {
  for (const p of pollers) await p.kill();
  await replay.close();
  await observer.close();
  await nats.close();
}

const sorted = [...took].sort((a, b) => a - b);
const p50 = percentile(sorted, 50);
const max = sorted.at(-1) as number;
const verdict = max <= 2 * POLL_MS ? 'met' : '**missed**';
writeSection('takeover', 'A poller killed: how soon the standby takes over', `
| kills | poll interval | lease TTL | takeover p50 | takeover max | max / poll interval | bar |
| --- | --- | --- | --- | --- | --- | --- |
| ${took.length} | ${ms(POLL_MS)} | ${ms(leaseTtlMs({ pollSeconds: POLL_SECONDS, speed: SPEED }))} | ${ms(p50)} | ${ms(max)} | ×${(max / POLL_MS).toFixed(2)} | ≤ ×2: ${verdict} |

Each takeover, in order: ${took.map((t) => `${t} ms`).join(', ')}.

Method: a 3-node \`nats-server\` cluster, two \`courtside serve --role poller\` processes polling ${NIGHT} replayed at speed
${SPEED} with \`--poll-seconds ${POLL_SECONDS}\` (a poll every ${ms(POLL_MS)} of real time; the lease TTL is 1.5 intervals). The lease
holder, after a second in the lead, is killed with SIGKILL; the takeover is the first \`taking_over\` line a surviving poller logs
after the kill (same machine, same wall clock); a new standby is started after each kill. The bar (issue 20): within 2 poll
intervals, judged on the slowest of the ${took.length} takeovers of this one run. The acceptance test (\`test/cluster/deployment.test.ts\`)
checks that each takeover loses and repeats nothing; the time is judged here, not in a timed test.
Load average when the bench started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores.
`);
process.exit(0);
