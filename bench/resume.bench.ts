/**
 * Issue 16, finding 3: 100 clients resuming from seq 0 after a restart must leave `/health`
 * answering, p99 under 100 ms throughout. A real night goes into the service's SQLite message log
 * (the busy night, polled every 10 s through the pipeline); the service is then restarted on that
 * database in a process of its own, and 100 clients in another process all resume from 0 at once
 * while this process asks `/health` every 10 ms. The floor is `/health` on the same restarted
 * service, idle, just before. A second service, restarted the same way, replays each gap in one
 * page, as the service did before replays were paged: the same bench on the old behaviour.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Broadcaster, type BroadcasterOptions } from '../src/broadcast/index.ts';
import { loadConfig } from '../src/config.ts';
import { SERVICE_NODE_FLAGS } from '../src/node-flags.ts';
import { choosePredictor } from '../src/predictor-choice.ts';
import { StoreJournal } from '../src/service/journal.ts';
import { Persistence } from '../src/service/persistence.ts';
import { Pipeline } from '../src/service/pipeline.ts';
import { silentLogger } from '../src/service/ports.ts';
import { openStore } from '../src/store/sqlite-store.ts';
import { dataArg, ms, summarize, writeSection } from './stats.ts';
import type { CdnReady } from './support/cdn-process.ts';
import { forkSupport, sleep, waitFor } from './support/child.ts';
import { FrozenFeed } from './support/frozen-feed.ts';
import { alignTips, loadBusyNight, NIGHT_GAMES } from './support/night.ts';
import type { ClientsLoaded, ResumeReport } from './support/resume-clients.ts';
import type { ServiceReady } from './support/service-process.ts';

const dataDir = dataArg();
const loadAtStart = os.loadavg();
const POLL_MS = 10_000;
const CLIENTS = 100;
const FLOOR_SECONDS = 10;
const AFTER_SECONDS = 1;
const HEALTH_EVERY_MS = 10;
const BAR_MS = 100;

interface Variant {
  readonly name: string;
  readonly broadcast: Omit<BroadcasterOptions, 'server' | 'snapshot' | 'log' | 'logger'>;
}

const VARIANTS: readonly Variant[] = [
  { name: 'paged (the default: 100 messages a page, a page a turn)', broadcast: {} },
  { name: 'one page per gap (as before paging)', broadcast: { resumePageSize: 10_000 } },
];

// A real night into a fresh database: the busy night polled every 10 s of night time, from its
// opening to its last game's end, through the pipeline and the store the service uses.
const night = alignTips(loadBusyNight(dataDir), 60_000);
const db = path.join(os.tmpdir(), `courtside-resume-bench-${process.pid}.db`);
const logged = await logNight(db);
console.log(`night logged: ${logged} messages`);

async function logNight(file: string): Promise<number> {
  const store = openStore(file);
  const feed = new FrozenFeed(night, { conditional: true, incremental: true });
  let now = night.opensAt;
  let pipeline: Pipeline | undefined;
  const broadcaster = new Broadcaster({ snapshot: () => pipeline?.snapshot() ?? [], log: new StoreJournal(store) });
  const predictor = await choosePredictor(loadConfig({ dataDir, logLevel: 'silent' }), silentLogger);
  pipeline = new Pipeline({ feed, sink: broadcaster, predictor, logger: silentLogger, now: () => now, persistence: new Persistence(store) });
  for (; now <= night.closesAt + POLL_MS; now += POLL_MS) {
    feed.at(now);
    await pipeline.cycle();
  }
  await broadcaster.close();
  store.close();
  return broadcaster.seq;
}

// The CDN the restarted service polls: the same night, its clock standing after the last game's end.
const cdnChild = forkSupport('cdn-process.ts', ['--data', dataDir, '--speed', '1', '--start-minutes', String((night.closesAt - Math.min(...night.games.map((g) => g.startsAt))) / 60_000 + 10)]);
const cdn = await waitFor<CdnReady>(cdnChild, 'cdn_ready');

/** Asks `/health` one request at a time, a new one every `HEALTH_EVERY_MS`, until stopped. */
function pollHealth(port: number): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      await res.arrayBuffer();
      const took = performance.now() - started;
      latencies.push(took);
      if (took < HEALTH_EVERY_MS) await sleep(HEALTH_EVERY_MS - took);
    }
  })();
  return { stop: async () => { running = false; await done; return latencies; } };
}

function forkWithFlags(file: string, args: readonly string[]): ChildProcess {
  return fork(path.join(import.meta.dirname, 'support', file), [...args], { execArgv: [...SERVICE_NODE_FLAGS, '--import', 'tsx'], serialization: 'advanced' });
}

interface Measured {
  readonly variant: Variant;
  readonly head: number;
  readonly floor: ReturnType<typeof summarize>;
  readonly storm: ReturnType<typeof summarize>;
  readonly report: ResumeReport;
}

async function measure(variant: Variant): Promise<Measured> {
  const service = forkWithFlags('service-process.ts', ['--data', dataDir, '--feed-url', cdn.url, '--speed', '1', '--db', db, '--broadcast', JSON.stringify(variant.broadcast)]);
  const ready = await waitFor<ServiceReady>(service, 'service_ready');
  await sleep(2_000);
  const floorPoll = pollHealth(ready.port);
  await sleep(FLOOR_SECONDS * 1000);
  const floor = summarize(await floorPoll.stop());

  const clients = forkSupport('resume-clients.ts', ['--url', `ws://127.0.0.1:${ready.port}/`, '--epoch', ready.epoch, '--clients', String(CLIENTS), '--last-seq', '0', '--head', String(ready.seq)]);
  await waitFor<ClientsLoaded>(clients, 'clients_loaded');
  const stormPoll = pollHealth(ready.port);
  const report = waitFor<ResumeReport>(clients, 'resume_report');
  clients.send('go');
  const resumed = await report;
  await sleep(AFTER_SECONDS * 1000);
  const storm = summarize(await stormPoll.stop());
  clients.disconnect();
  service.disconnect();
  await new Promise((resolve) => service.once('exit', resolve));
  console.log(`${variant.name}: floor p99 ${ms(floor.p99)}, storm p99 ${ms(storm.p99)} max ${ms(storm.max)}; ${resumed.exact}/${CLIENTS} exact`);
  return { variant, head: ready.seq, floor, storm, report: resumed };
}

const results: Measured[] = [];
for (const variant of VARIANTS) results.push(await measure(variant));
cdnChild.disconnect();
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });

const seconds = (r: Measured): string => {
  const done = r.report.doneMs.filter(Number.isFinite).sort((a, b) => a - b);
  return done.length === 0 ? 'never' : `${(done.at(-1) as number / 1000).toFixed(2)} s`;
};
const row = (r: Measured): string =>
  `| ${r.variant.name} | ${r.head} | ${r.report.exact} / ${CLIENTS} | ${seconds(r)} | ${r.floor.n} | ${ms(r.floor.p50)} / ${ms(r.floor.p99)} / ${ms(r.floor.max)} | ${r.storm.n} | ${ms(r.storm.p50)} / ${ms(r.storm.p99)} / ${ms(r.storm.max)} | ×${(r.storm.p99 / r.floor.p99).toFixed(1)} |`;
const paged = results[0] as Measured;
const met = paged.storm.p99 < BAR_MS && paged.report.exact === CLIENTS;

writeSection('resume', `${CLIENTS} clients resuming from 0 after a restart (issue 16, finding 3)`, `
The busy ${NIGHT_GAMES}-game night, polled every 10 s of night time from its opening to its last game's end, goes through the
pipeline into the service's SQLite database (${logged} messages logged). The service (\`startService\` as \`courtside serve
--source nba\` runs it, under its own V8 flags, polling the fake CDN with the night over) is then restarted on that database
in a process of its own: its memory holds none of the history, so every replay is read from the log. This process asks \`/health\` one request at a time every ${HEALTH_EVERY_MS} ms:
for ${FLOOR_SECONDS} s with the service idle (the floor), then while ${CLIENTS} clients in a third process connect at once with
\`?epoch=…&last_seq=0\` and read until they have the whole log, and ${AFTER_SECONDS} s more. The second row restarts the
service again with \`resumePageSize\` raised to 10,000, so each gap goes out in one turn, as before replays were paged.

| replay | messages in the log | clients with the whole log, once, in order | last client done after | /health requests, idle | idle p50 / p99 / max | /health requests, during the resumes | during p50 / p99 / max | p99 / idle p99 |
| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: |
${results.map(row).join('\n')}

Bar: \`/health\` p99 under ${BAR_MS} ms while ${CLIENTS} clients resume from 0, every one getting the whole log: **${met ? 'met' : 'missed'}**
(${ms(paged.storm.p99)}, ×${(paged.storm.p99 / paged.floor.p99).toFixed(1)} the idle floor of ${ms(paged.floor.p99)} measured in the same run). One run.
Load average when the bench started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')} on 2 cores shared with other work.
`);
