/**
 * A recorded night: how big its archive is, and how fast the service replays it.
 *
 * 1. The busy night of 2017-18 through the fake CDN at speed 200, recorded in this process by
 *    `startRecorder` (what `courtside record` runs): archive bytes in all and per game, against the
 *    bodies' own size and what compressing each response alone (gzip) would weigh.
 * 2. Reading the archive back alone: body bytes decompressed per second.
 * 3. The service (`startService`, one WebSocket client, the committed model) replaying the night at
 *    speed 1000 from the archive (`serve --archive`), against the floor: the same night through the
 *    plain fake CDN (`serve --date`), in the same run and process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import { ArchiveReader } from '../src/archive/reader.ts';
import { loadConfig, type ConfigInput } from '../src/config.ts';
import { startService } from '../src/main.ts';
import { startRecorder } from '../src/record/recorder.ts';
import { defaultNight, listNights } from '../src/replay/nights.ts';
import { silentLogger } from '../src/service/ports.ts';
import { dataArg, writeSection } from './stats.ts';
import { forkSupport, waitFor } from './support/child.ts';
import type { NightCdnReady } from './support/night-cdn-process.ts';

/** The recorder's polls stay well inside the 10 s cadence (50 ms here) on a busy night. */
const RECORD_SPEED = 100;
const REPLAY_SPEED = 1000;
const dataDir = dataArg();
/** `--date D` tries the bench on another night; the figures in the docs are the busy night's. */
const dateArg = process.argv.indexOf('--date');
const date = dateArg >= 0 ? (process.argv[dateArg + 1] as string) : defaultNight(listNights(dataDir));
const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-archive-bench-'));
const loadAtStart = os.loadavg();
const MB = 1e6;
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

// 1. Record the night, the CDN in a child process so that the CPU measured is the recorder's.
const cdnProcess = forkSupport('night-cdn-process.ts', ['--data', dataDir, '--date', date, '--speed', String(RECORD_SPEED)]);
const cdn = await waitFor<NightCdnReady>(cdnProcess, 'night_cdn_ready');
const recordCpu = process.cpuUsage();
const recordStarted = performance.now();
const games = cdn.games;
const [archive] = await startRecorder({ outDir: dir, feedUrl: cdn.url, speed: RECORD_SPEED, exitWhenDone: true }, { logger: silentLogger }).done;
const recordSeconds = (performance.now() - recordStarted) / 1000;
const recordCpuMs = cpuMs(recordCpu);
cdnProcess.disconnect();
if (!archive) throw new Error('the recorder wrote no archive');
console.log(`recorded ${date}: ${archive.records} responses, ${archive.bytes} bytes, in ${recordSeconds.toFixed(0)} s`);

// 2. Read it back.
const reader = ArchiveReader.open(archive.file);
const byStatus = new Map<string, number>();
let bodyBytes = 0;
let readMs = 0;
const bodies: Uint8Array[] = [];
let started = performance.now();
for await (const { record } of reader.responses()) {
  readMs += performance.now() - started;
  bodyBytes += record.body.length;
  bodies.push(record.body);
  const kind = `${new URL(record.url).pathname.split('/')[4]} ${record.status}`;
  byStatus.set(kind, (byStatus.get(kind) ?? 0) + 1);
  started = performance.now();
}
const gzipped = bodies.reduce((n, body) => n + gzipSync(body).length, 0);
bodies.length = 0;
console.log(`read back: ${(bodyBytes / MB).toFixed(1)} MB of bodies in ${readMs.toFixed(0)} ms; gzip alone ${gzipped} bytes`);

// 3. Replay it through the service, and the floor: the same night through the plain fake CDN.
interface ReplayRun {
  readonly messages: number;
  readonly seconds: number;
  readonly cpuMs: number;
  readonly feedErrors: number;
  readonly forecasts: number;
  readonly polls: number;
}

async function replay(source: ConfigInput): Promise<ReplayRun> {
  const config = loadConfig({ source: 'replay', dataDir, speed: REPLAY_SPEED, port: 0, host: '127.0.0.1', exitWhenDone: true, dashboard: false, logLevel: 'silent', ...source }, {});
  const service = await startService(config, { logger: silentLogger, dashboard: false });
  const cpu = process.cpuUsage();
  const began = performance.now();
  const client = new WebSocket(service.wsUrl.replace('localhost', '127.0.0.1'));
  let received = 0;
  client.on('message', () => received++);
  await service.done;
  const seconds = (performance.now() - began) / 1000;
  const used = cpuMs(cpu);
  const total = async (name: string): Promise<number> => ((await service.metrics.registry.getSingleMetric(name)?.get())?.values ?? []).reduce((n, v) => n + v.value, 0);
  const feedErrors = await total('courtside_feed_errors_total');
  const polls = await total('courtside_poll_cycles_total');
  const forecasts = [...service.pipeline.games.values()].filter((g) => g.forecast).length;
  const messages = service.broadcaster.seq;
  while (received < messages) await new Promise((resolve) => setTimeout(resolve, 10));
  client.close();
  await service.close();
  return { messages, seconds, cpuMs: used, feedErrors, forecasts, polls };
}

const floor = await replay({ date });
const replayed = await replay({ archive: archive.file });
rmSync(dir, { recursive: true, force: true });
for (const [name, r] of [['fake CDN', floor], ['archive', replayed]] as const) {
  console.log(`${name}: ${r.messages} messages in ${r.seconds.toFixed(1)} s, ${(r.messages / r.seconds).toFixed(0)}/s, CPU ${(r.cpuMs / r.messages).toFixed(2)} ms/message, ${r.polls} polls, ${r.feedErrors} feed errors, ${r.forecasts} forecasts`);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
const rate = (r: ReplayRun): number => r.messages / r.seconds;
const cpuPer = (r: ReplayRun): number => r.cpuMs / r.messages;
const row = (name: string, r: ReplayRun, ratio: string) =>
  `| ${name} | ${r.messages} | ${r.forecasts} | ${r.polls} | ${r.feedErrors} | ${r.seconds.toFixed(1)} s | ${rate(r).toFixed(0)} | ${cpuPer(r).toFixed(2)} ms | ${(r.cpuMs / r.polls).toFixed(2)} ms | ${ratio} |`;
const scoreboardPolls = [...byStatus].filter(([k]) => k.startsWith('scoreboard')).reduce((n, [, c]) => n + c, 0);
const span = ((reader.summary.lastAt ?? 0) - (reader.summary.firstAt ?? 0)) / 1000;
const statuses = [...byStatus].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`).join(', ');

writeSection('archive', 'A recorded night: archive size, and its replay through the service', `
Method: the busy night of 2017-18 (${date}, ${games} games) played by the fake CDN at speed ${RECORD_SPEED} and recorded by
\`startRecorder\` (what \`courtside record --speed ${RECORD_SPEED}\` runs) in ${recordSeconds.toFixed(0)} s; the archive is one brotli stream
flushed per response (\`src/archive/\`). "Each response gzipped alone" is what an archive of independent gzip
members would weigh (framing not counted). Then the service (\`startService\`, committed model, one WebSocket
client, \`--exit-when-done\`) replays the night at speed ${REPLAY_SPEED} from the archive, and, as the floor, from the plain fake
CDN just before in the same process; timed from listening to every game final and every message sent, CPU
being the whole process's (service and CDN). Load average at the start: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores.

| archive of one night | bytes | per game |
| --- | --- | --- |
| the archive file | ${archive.bytes.toLocaleString('en-US')} (${mb(archive.bytes)}) | ${kb(archive.bytes / games)} |
| bodies as received | ${bodyBytes.toLocaleString('en-US')} (${mb(bodyBytes)}) | ${kb(bodyBytes / games)} |
| each response gzipped alone | ${gzipped.toLocaleString('en-US')} (${mb(gzipped)}) | ${kb(gzipped / games)} |

${archive.records} responses (${statuses}); ${scoreboardPolls} scoreboard polls over ${(span / 3600).toFixed(1)} hours of night, one per
${(span / scoreboardPolls).toFixed(1)} s on average (the cadence asks 10 s while games are live, 60 s when none is). Recording:
${(recordCpuMs / archive.records).toFixed(2)} ms of the recorder's CPU per response (the fake CDN runs in its own process). Reading back alone: ${(bodyBytes / MB / (readMs / 1000)).toFixed(0)} MB of
bodies per second. The replay's bodies are smaller than the NBA's (it leaves out fields it cannot know).

| source | messages | forecasts | polls | feed errors | wall | messages / s | CPU / message | CPU / poll | vs the fake CDN |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${row('the fake CDN (\`serve --date\`), floor', floor, '1.00')}
${row('the archive (\`serve --archive\`)', replayed, `${(rate(replayed) / rate(floor)).toFixed(2)} × messages/s, ${(cpuPer(replayed) / cpuPer(floor)).toFixed(2)} × CPU/message`)}

The archive answers with the instants the recorder polled, while the fake CDN builds any instant, so the service
sees fewer intermediate states (fewer \`score_update\`s) from the archive; CPU per poll compares the two sources' cost.
`);
