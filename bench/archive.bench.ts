/**
 * A recorded night: how big its archive is, and how fast the service replays it.
 *
 * 1. The busy night of 2017-18 through the fake CDN, recorded by the recorder's own parts (feed
 *    client with its tap, `RecordCycle`, `NightArchives`) on a virtual clock that moves by the
 *    service's cadence between polls, so the archive holds what a recorder polling every 10 s
 *    would, however loaded the machine: bytes in all and per game, against the bodies' own size
 *    and what compressing each response alone (gzip) would weigh.
 * 2. The archive read back, then read and written again: CPU per response to decompress, and to
 *    compress and write.
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
import type { SegmentInfo } from '../src/archive/records.ts';
import { ArchiveWriter } from '../src/archive/writer.ts';
import { loadConfig, type ConfigInput } from '../src/config.ts';
import { DEFAULT_CADENCE, nextPollSeconds, type FeedView } from '../src/feed/cadence.ts';
import { NbaFeedClient } from '../src/feed/client.ts';
import { startService } from '../src/main.ts';
import { seededRandom } from '../src/model/random.ts';
import { NightArchives } from '../src/record/night-archives.ts';
import { RecordCycle } from '../src/record/record-cycle.ts';
import { startFakeCdn } from '../src/replay/fake-cdn.ts';
import { loadNight } from '../src/replay/night.ts';
import { defaultNight, listNights } from '../src/replay/nights.ts';
import { silentLogger } from '../src/service/ports.ts';
import { dataArg, writeSection } from './stats.ts';

const REPLAY_SPEED = 1000;
const dataDir = dataArg();
/** `--date D` tries the bench on another night; the figures in the docs are the busy night's. */
const dateArg = process.argv.indexOf('--date');
const date = dateArg >= 0 ? (process.argv[dateArg + 1] as string) : defaultNight(listNights(dataDir));
const night = loadNight(dataDir, date);
const games = night.games.length;
const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-archive-bench-'));
const loadAtStart = os.loadavg();
const MB = 1e6;
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

// 1. Record the night, poll by poll, on a virtual clock.
let virtualMs = 0;
const cdn = await startFakeCdn({ night, speed: 1, now: () => virtualMs });
const feedClock = (): number => cdn.clock.now();
const archives = new NightArchives({ outDir: dir, feedUrl: cdn.url, speed: 1, now: feedClock, warn: (m) => console.warn(m) });
const cycle = new RecordCycle({ feed: new NbaFeedClient({ baseUrl: cdn.url, now: feedClock, tap: archives.tap }), logger: silentLogger, now: feedClock });
const random = seededRandom(20171122);
let view: FeedView = { live: 0, halftime: 0, consecutiveErrors: 0 };
let polls = 0;
while (!cycle.done) {
  if (cdn.clock.now() > night.closesAt + 3_600_000) throw new Error('the recorder was not done an hour after the last game ended');
  const outcome = await cycle.run();
  polls++;
  view = { live: outcome.live, halftime: outcome.halftime, consecutiveErrors: outcome.scoreboardOk ? 0 : view.consecutiveErrors + 1 };
  virtualMs += nextPollSeconds(view, DEFAULT_CADENCE, random) * 1000;
}
const [archive] = await archives.close();
await cdn.close();
if (!archive) throw new Error('the recorder wrote no archive');
console.log(`recorded ${date}: ${polls} polls, ${archive.records} responses, ${archive.bytes} bytes`);

// 2. Read it back (untimed: what it holds); then timed, read alone, and read and written again.
const byStatus = new Map<string, number>();
let bodyBytes = 0;
let gzipped = 0;
for await (const { record } of ArchiveReader.open(archive.file).responses()) {
  bodyBytes += record.body.length;
  gzipped += gzipSync(record.body).length;
  const kind = `${new URL(record.url).pathname.split('/')[4]} ${record.status}`;
  byStatus.set(kind, (byStatus.get(kind) ?? 0) + 1);
}
const reading = process.cpuUsage();
for await (const _ of ArchiveReader.open(archive.file).responses());
const readCpuMs = cpuMs(reading);
const source = ArchiveReader.open(archive.file);
const copy = ArchiveWriter.open(path.join(dir, 'copy.archive'), { ...(source.summary.segments[0] as SegmentInfo) });
const copying = process.cpuUsage();
for await (const { record } of source.responses()) await copy.append(record);
await copy.close();
const writeCpuMs = cpuMs(copying) - readCpuMs;
const perResponse = (ms: number): string => `${(ms / archive.records).toFixed(3)} ms`;
console.log(`${(bodyBytes / MB).toFixed(1)} MB of bodies; CPU per response: read ${perResponse(readCpuMs)}, write ${perResponse(writeCpuMs)}; gzip alone ${gzipped} bytes`);

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
  const run: ReplayRun = {
    messages: service.broadcaster.seq,
    seconds,
    cpuMs: used,
    feedErrors: await total('courtside_feed_errors_total'),
    forecasts: [...service.pipeline.games.values()].filter((g) => g.forecast).length,
    polls: await total('courtside_poll_cycles_total'),
  };
  while (received < run.messages) await new Promise((resolve) => setTimeout(resolve, 10));
  client.close();
  await service.close();
  return run;
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
const statuses = [...byStatus].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`).join(', ');

writeSection('archive', 'A recorded night: archive size, and its replay through the service', `
Method: ${dateArg >= 0 ? 'the night' : 'the busy night of 2017-18'} (${date}, ${games} games) from the fake CDN, recorded by the recorder's parts (the feed
client and its tap, \`RecordCycle\`, \`NightArchives\`: what \`courtside record\` runs) on a virtual clock that moves by the
service's cadence between polls (10 s while games are live, 60 s when none is, ±10%), so the archive is what a
recorder at that cadence writes, however loaded the machine: ${polls} polls, ${archive.records} responses (${statuses}).
The archive is one brotli stream flushed per response (\`src/archive/\`); "each response gzipped alone" is what
independent gzip members would weigh (framing not counted). CPU per response: the archive read back alone, and
read and written again (writing = the difference). Then the service (\`startService\`, committed model, one WebSocket
client, \`--exit-when-done\`) replays the night at speed ${REPLAY_SPEED} from the plain fake CDN (the floor) and then from the
archive, in this process, timed from listening to every game final and every message sent; CPU is the whole
process's (service and CDN). Load average at the start: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores.

| archive of one night | bytes | per game |
| --- | --- | --- |
| the archive file | ${archive.bytes.toLocaleString('en-US')} (${mb(archive.bytes)}) | ${kb(archive.bytes / games)} |
| bodies as received | ${bodyBytes.toLocaleString('en-US')} (${mb(bodyBytes)}) | ${kb(bodyBytes / games)} |
| each response gzipped alone | ${gzipped.toLocaleString('en-US')} (${mb(gzipped)}) | ${kb(gzipped / games)} |

CPU per response: reading ${perResponse(readCpuMs)} (${(bodyBytes / MB / (readCpuMs / 1000)).toFixed(0)} MB of bodies per CPU second), writing ${perResponse(writeCpuMs)}.
The replay's bodies are smaller than the NBA's (it leaves out fields it cannot know).

| source | messages | forecasts | polls | feed errors | wall | messages / s | CPU / message | CPU / poll | vs the fake CDN |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${row('the fake CDN (`serve --date`), floor', floor, '1.00')}
${row('the archive (`serve --archive`)', replayed, `${(rate(replayed) / rate(floor)).toFixed(2)} × messages/s, ${(cpuPer(replayed) / cpuPer(floor)).toFixed(2)} × CPU/message`)}

The archive answers with the instants the recorder polled, while the fake CDN builds any instant, so the service
may see fewer intermediate states (fewer \`score_update\`s) from the archive; CPU per poll compares the sources' cost.
`);
