/**
 * Issue 5, acceptance 2: a client that stops reading does not delay the others (their delivery
 * latency stays within 2× of the run without it) and the server's memory stays bounded. Same
 * three-process setup as the latency bench (`support/live-run.ts`), 100 normal clients, run
 * without, with, and again without the stalled client.
 */
import os from 'node:os';
import { dataArg, ms, writeSection } from './stats.ts';
import { liveRun, quantiles, type LiveRunOptions, type LiveRunResult } from './support/live-run.ts';
import { integrityLine, LATENCY_HEADER, latencyRow, summaryLine } from './support/live-report.ts';

const dataDir = dataArg();
const loadAtStart = os.loadavg();
const FLOOD_BYTES = 8 * 2 ** 20;
const STAY_MS = 600_000;
const base: LiveRunOptions = {
  dataDir, clients: 100, speed: 30, startMinutes: 25, windowSeconds: 60, warmupSeconds: 5,
  // Not closed by the slow-consumer rule (default: 4008 after 30 s behind), nor for its burst of
  // subscribes (4029) or what they owe it (4009): the worst case for the others.
  broadcast: { slowClientTimeoutMs: STAY_MS, maxMessagesPerSecond: 1_000_000, maxSubscribesPerSecond: 1_000_000, outputBudgetBytes: 2 ** 30 },
};

await liveRun({ ...base, windowSeconds: 10 }); // warm-up, discarded
// Without, with, without again: the two runs without tell how far apart identical runs land here.
const without = await liveRun(base);
const withSlow = await liveRun({ ...base, floodBytes: FLOOD_BYTES });
const again = await liveRun(base);
console.log(summaryLine('without', without));
console.log(summaryLine('with a stalled client', withSlow));
console.log(summaryLine('without, again', again));

const q = (r: LiveRunResult) => quantiles(r.latencies);
const pooled = quantiles(Float64Array.from([...without.latencies, ...again.latencies]).sort());
const ratio50 = q(withSlow).p50 / pooled.p50;
const ratio99 = q(withSlow).p99 / pooled.p99;
const noise99 = Math.max(q(without).p99, q(again).p99) / Math.min(q(without).p99, q(again).p99);
const mb = (x: number): string => `${x.toFixed(1)} MB`;
const memoryRow = (name: string, r: LiveRunResult): string =>
  `| ${name} | ${mb(r.heapMB.start)} | ${mb(r.heapMB.max)} | ${mb(r.heapMB.end)} | ${mb(r.externalMaxMB)} | ${r.stats.slowClients} | ${r.stats.droppedScoreUpdates} | ${r.stats.slowDisconnects} | ${r.stats.deadPeersTerminated} |`;
const s = withSlow.stats;
console.log(`ratios p50 ${ratio50.toFixed(2)}, p99 ${ratio99.toFixed(2)}; slow clients at the end ${s.slowClients}, dropped score updates ${s.droppedScoreUpdates}; slow in ${Math.round(withSlow.slowShare * 100)}% of samples, ${withSlow.slowEpisodes} episodes`);

writeSection('slow-client', 'A client that stops reading (issue 5, acceptance 2)', `
The latency bench's setup (fake CDN, service and clients in three processes; busy night at speed ${base.speed}, ${base.windowSeconds} s
measured from ${base.startMinutes} minutes after the first tip) with ${base.clients} normal clients, run without, then with one more
client that stops reading, then without it again. So that the stall matters within a minute, that client first asks for
${FLOOD_BYTES / 2 ** 20} MiB worth of snapshots (${withSlow.slowRequested} \`subscribe\` requests of a ${withSlow.snapshotBytes}-byte snapshot) and never reads
again: the kernel's socket buffers on loopback absorb the first few MB of a stalled reader (about 4 MB on this machine, measured separately),
after which the server's own send buffer grows; a client that merely stops would get there after hours of
messages. \`slowClientTimeoutMs\` is raised to ${STAY_MS / 60_000} minutes in every run so that the slow-consumer rule does not close it
(by default: 4008 after 30 s behind) and it weighs on the server as long as possible; the heartbeat still ends it (below).
A 10 s warm-up run is discarded.

${LATENCY_HEADER}
${latencyRow('without', without)}
${latencyRow('with a stalled client', withSlow)}
${latencyRow('without, again', again)}

${integrityLine('without', without)}
${integrityLine('with a stalled client', withSlow)}
${integrityLine('without, again', again)}

Memory of the service process (heap after a forced GC at the start and at the end of the window, max sampled every 250 ms without GC;
"buffers" is \`external + arrayBuffers\`, where queued socket data lives), and the broadcaster's slow-consumer counters
at the end of the window:

| run | heap start | heap max | heap end | buffers max | slow clients | score updates dropped | slow disconnects | dead peers terminated |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${memoryRow('without', without)}
${memoryRow('with a stalled client', withSlow)}
${memoryRow('without, again', again)}

While the window ran, the broadcaster counted the stalled client as slow in ${Math.round(withSlow.slowShare * 100)}% of the 250 ms samples, in
${withSlow.slowEpisodes} episode(s) (the table's counters are read at the end of the window). A client is judged by \`bufferedAmount\`, the
bytes still in user space, and leaves the slow state when that falls under half the threshold. A client that does
not read does not answer pings either, so the heartbeat (every 30 s) terminates it at the beat after an unanswered
ping, 30 to 60 s after it stopped ("dead peers terminated"), whatever \`slowClientTimeoutMs\` says. The stalled client's own close code:
${withSlow.slowCloseCode ?? 'none (it never read the close frame)'}.

Normal clients with the stalled one, relative to both runs without it pooled: p50 ×${ratio50.toFixed(2)}, p99 ×${ratio99.toFixed(2)}
(${ms(q(withSlow).p99)} vs ${ms(pooled.p99)}). Bar: within 2×: **${ratio99 <= 2 && ratio50 <= 2 ? 'met' : 'missed'}**. The two runs without it differ by
×${noise99.toFixed(2)} at p99 (${ms(q(without).p99)} and ${ms(q(again).p99)}): on this shared machine that is the resolution of the verdict.

Load average when the bench started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')} on 2 cores shared with other work.
`);
