/**
 * Issue 5, acceptance 4: the whole 2017-18 season replayed at maximum speed with 200 connected
 * clients. Zero lost or duplicated messages for clients that keep up (seq contiguous per
 * client), zero duplicate forecasts (one ml_prediction per game), and the service's heap after
 * the run within 20% of its heap after the first tenth of the season (after a forced GC).
 *
 * Three processes: the season feed (a loopback CDN swapping in one night after another, see
 * `support/season-feed-process.ts`), the service (`startService` as `courtside serve --source nba`
 * runs it, unchanged, polling that feed back to back), and the 200 clients.
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { startService, type RunningService } from '../src/main.ts';
import { DATASET_FILE } from '../src/model/dataset.ts';
import { loadGames } from '../src/data/dataset-files.ts';
import { dataArg, writeSection } from './stats.ts';
import { forkSupport, sleep, waitFor } from './support/child.ts';
import type { SeasonFeedMessage } from './support/season-feed-process.ts';
import type { SoakClientsReport } from './support/soak-clients.ts';

const CLIENTS = 200;
const STEP_SECONDS = 180;
const dataDir = dataArg();
const nightsArg = process.argv.indexOf('--nights');
const nightsLimit = nightsArg >= 0 ? ['--nights', process.argv[nightsArg + 1] as string] : [];
const loadAtStart = os.loadavg();
const MB = 2 ** 20;
const heapNow = (): number => {
  global.gc?.();
  return process.memoryUsage().heapUsed / MB;
};

const feed = forkSupport('season-feed-process.ts', ['--data', dataDir, '--step-seconds', String(STEP_SECONDS), ...nightsLimit]);
const heap: { night: number; date: string; mb: number; at: number }[] = [];
let service: RunningService | undefined;
let started = 0;
feed.on('message', (message: SeasonFeedMessage) => {
  if (message.type !== 'night' || !service || message.index === 0) return;
  // The previous night is over: its games are final and sent.
  heap.push({ night: message.index, date: message.date, mb: heapNow(), at: (performance.now() - started) / 1000 });
  if (message.index % 10 === 0) console.log(`night ${message.index}, ${message.date}: ${service.pipeline.games.size} games tracked, seq ${service.broadcaster.seq}, heap ${heap.at(-1)?.mb.toFixed(1)} MB, ${heap.at(-1)?.at.toFixed(0)} s`);
});
const ready = await waitFor<Extract<SeasonFeedMessage, { type: 'feed_ready' }>>(feed, 'feed_ready');

const db = path.join(os.tmpdir(), `courtside-soak-${process.pid}.db`);
const config = loadConfig({ source: 'nba', feedUrl: ready.url, speed: 100_000, port: 0, host: '127.0.0.1', dataDir, db, dashboard: false, logLevel: 'error' });
service = await startService(config, { broadcastOptions: { maxConnectionsPerAddress: CLIENTS + 10 } });
const clients = forkSupport('soak-clients.ts', ['--url', service.wsUrl.replace('localhost', '127.0.0.1'), '--clients', String(CLIENTS)]);
await waitFor(clients, 'soak_clients_ready');

const seasonDone = waitFor<Extract<SeasonFeedMessage, { type: 'season_done' }>>(feed, 'season_done');
started = performance.now();
const cpuAtStart = process.cpuUsage();
feed.send('go');
await seasonDone;
// The last night's final polls, then every queued message out (bounded: a hang is a finding, not a wait).
const settleBy = performance.now() + 60_000;
while (!service.pipeline.allComplete && performance.now() < settleBy) await sleep(50);
const flushed = await Promise.race([service.broadcaster.whenFlushed().then(() => true), sleep(60_000).then(() => false)]);
if (!service.pipeline.allComplete || !flushed) console.log(`after the season: all games complete ${service.pipeline.allComplete}, every message flushed ${flushed}`);
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuAtStart);
const heapEnd = heapNow();
const stats = service.broadcaster.stats();
const stillTracked = service.pipeline.games.size;

const report = waitFor<SoakClientsReport>(clients, 'soak_report');
clients.send('report');
const clientsReport = await report;
await service.close();
feed.disconnect();
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });

// Checks.
const truth = new Map(loadGames(path.join(dataDir, DATASET_FILE)).map((g) => [g.gameId, g.d]));
const keptUp = clientsReport.clients.filter((c) => c.closeCode === undefined || c.closeCode === 1001);
const contiguous = clientsReport.clients.filter((c) => c.gaps === 0 && c.repeats === 0 && c.lastSeq === stats.seq && c.received === c.lastSeq - c.firstSeq + 1);
const lost = clientsReport.clients.reduce((n, c) => n + c.skipped + (stats.seq - c.lastSeq), 0);
const repeated = clientsReport.clients.reduce((n, c) => n + c.repeats, 0);
// What the stream gave its users (the service forgets settled games, so its own map is no witness).
const forecastGames = Object.keys(clientsReport.patterns).length;
const duplicateForecasts = clientsReport.clients.reduce((n, c) => n + (c.forecasts - c.forecastGames), 0);
const everyForecast = clientsReport.clients.filter((c) => c.forecastGames === forecastGames).length;
const patterns = Object.entries(clientsReport.patterns);
const patternsRight = patterns.filter(([id, p]) => p.every((d, i) => d === truth.get(id)?.[i])).length;
const finals = Object.entries(clientsReport.finalPatterns);
const finalRight = finals.filter(([id, f]) => f.pattern.length >= 48 && f.pattern.slice(0, 48).every((d, i) => d === truth.get(id)?.[i])).length;
const approximate = finals.filter(([, f]) => f.approximate).length;
const tenth = heap[Math.max(0, Math.round(heap.length / 10) - 1)];
const growth = tenth ? heapEnd / tenth.mb - 1 : Number.NaN;
const messages = stats.published;
const deliveries = clientsReport.clients.reduce((n, c) => n + c.received, 0);

const lines = [
  `${ready.nights} nights, ${ready.games} games in ${elapsed.toFixed(0)} s; ${messages} messages, ${deliveries} deliveries`,
  `clients contiguous ${contiguous.length}/${CLIENTS}, lost ${lost}, repeated ${repeated}; slow clients ${stats.slowClients}, dropped score updates ${stats.droppedScoreUpdates}, slow disconnects ${stats.slowDisconnects}`,
  `forecasts ${forecastGames} of ${ready.games} games, duplicate forecasts ${duplicateForecasts}, clients with every forecast ${everyForecast}/${CLIENTS}, forecast patterns equal to minute_diffs ${patternsRight}/${patterns.length}, final patterns exact ${finalRight}/${finals.length}, approximate ${approximate}; games still in the service's memory ${stillTracked}`,
  `heap after the first tenth (night ${tenth?.night}) ${tenth?.mb.toFixed(1)} MB, after the run ${heapEnd.toFixed(1)} MB: ${(growth * 100).toFixed(1)}%`,
];
for (const line of lines) console.log(line);

const pick = (f: number) => heap[Math.min(heap.length - 1, Math.max(0, Math.round(heap.length * f) - 1))];
const curve = [0.1, 0.25, 0.5, 0.75, 1].map((f) => pick(f)).filter((h) => h !== undefined);
const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

writeSection('soak', 'Soak: the whole 2017-18 season with 200 clients (issue 5, acceptance 4)', `
${ready.nights} nights and ${ready.games} games of 2017-18 replayed back to back in ${(elapsed / 60).toFixed(1)} minutes, ${CLIENTS} WebSocket clients connected
throughout. Three processes: the season feed, the service and the clients. The feed is one loopback HTTP server
that serves each night with the replay's own CDN handler (ETags, 304, gzip, 403 before the tip) and swaps in the
next night ${3} polls after the last game is final (a tiny in-process stand-in for "a fake CDN per night behind a
proxy"); its clock moves ${STEP_SECONDS} s of the night per scoreboard poll and skips stretches with no game live, so "maximum
speed" is as fast as the service polls (\`--speed 100000\`: no wait between cycles but the loop's 5 ms floor). The
service is \`startService\` with \`--source nba\` pointed at that feed, unchanged (feed client over HTTP, pipeline,
trained predictor, SQLite store and message log, broadcaster). The service's heap is sampled after a forced GC
each time a night ends; the season's rows live in the feed process. Load average when the bench started:
${loadAtStart.map((l) => l.toFixed(1)).join(', ')} on 2 cores shared with other work.

| check | result | bar |
| --- | --- | --- |
| messages published / delivered | ${messages.toLocaleString('en-US')} / ${deliveries.toLocaleString('en-US')} | |
| clients whose seq was contiguous to the last message | ${contiguous.length} / ${CLIENTS} | all that keep up: ${verdict(contiguous.length === keptUp.length && keptUp.length === CLIENTS)} |
| messages lost / repeated, all clients | ${lost} / ${repeated} | 0: ${verdict(lost === 0 && repeated === 0)} |
| slow clients, score updates dropped, slow disconnects | ${stats.slowClients}, ${stats.droppedScoreUpdates}, ${stats.slowDisconnects} | |
| games forecast, of the season's games | ${forecastGames} / ${ready.games} | one each: ${verdict(forecastGames === ready.games)} |
| duplicate ml_prediction, all clients | ${duplicateForecasts} | 0: ${verdict(duplicateForecasts === 0)} |
| clients that got every game's forecast | ${everyForecast} / ${CLIENTS} | |
| forecast patterns equal to d1..d18 of minute_diffs.csv | ${patternsRight} / ${patterns.length} | |
| final patterns (last \`pattern_progress\`) equal to d1..d48 of minute_diffs.csv (approximate) | ${finalRight} / ${finals.length} (${approximate}) | |
| games still in the service's memory at the end | ${stillTracked} | |
| heap after the first tenth (night ${tenth?.night}) → after the run | ${tenth?.mb.toFixed(1)} MB → ${heapEnd.toFixed(1)} MB (${growth >= 0 ? '+' : ''}${pct(growth)}) | within 20%: ${verdict(Math.abs(growth) <= 0.2)} |
| service CPU over the run | ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s (${pct((cpu.user + cpu.system) / 1e6 / elapsed)} of a core) | |
| clients process CPU | ${(clientsReport.cpuMs / 1000).toFixed(0)} s | |

Heap of the service after a forced GC, as the season went on:

| after night | date | elapsed | heap |
| --- | --- | --- | --- |
${curve.map((h) => `| ${h.night} | ${h.date} | ${h.at.toFixed(0)} s | ${h.mb.toFixed(1)} MB |`).join('\n')}
| end | | ${elapsed.toFixed(0)} s | ${heapEnd.toFixed(1)} MB |
`);
