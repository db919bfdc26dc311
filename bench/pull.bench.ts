/**
 * `data pull` throughput against the fake CDN: a finished season of ~240 games (the first nights of
 * 2017-18) served by its own low-priority process, pulled into an empty folder at concurrency 4
 * and at 1. Floor, in the same run: the same requests (boxscore then play-by-play per game, the
 * client's headers, gzip, 4 at a time) with nothing done to the bodies but reading them. Warm-up
 * first (a pass of the floor and a whole pull, untimed), so every timed pass finds the CDN's
 * documents built and the puller's code optimized.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_USER_AGENT } from '../src/feed/options.ts';
import { pullSeason } from '../src/pull/pull.ts';
import { dataArg, writeSection } from './stats.ts';
import { forkSupport, waitFor } from './support/child.ts';
import type { RequestCount, SeasonCdnReady } from './support/season-cdn-process.ts';

const GAMES = 240;
const dataDir = dataArg();
const loadAtStart = os.loadavg();
const child = forkSupport('season-cdn-process.ts', ['--data', dataDir, '--games', String(GAMES)]);
const ready = await waitFor<SeasonCdnReady>(child, 'season_cdn_ready');
const requests = async (): Promise<number> => {
  child.send('count');
  return (await waitFor<RequestCount>(child, 'requests')).count;
};
const headers = { Referer: 'https://www.nba.com/', 'User-Agent': DEFAULT_USER_AGENT, Accept: 'application/json', 'Accept-Encoding': 'gzip' };

/** The floor: every game's two documents fetched and read, `concurrency` games at a time. */
async function fetchOnly(concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < ready.games.length; i = next++) {
      for (const kind of ['boxscore', 'playbyplay']) {
        const res = await fetch(`${ready.url}/${kind}/${kind}_${ready.games[i]}.json`, { headers });
        if (res.status !== 200) throw new Error(`${res.status} from ${res.url}`);
        await res.arrayBuffer();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - started;
}

async function pull(concurrency: number, to: string): Promise<{ ms: number; inDataset: number; requests: number }> {
  const before = await requests();
  const started = performance.now();
  const { report } = await pullSeason({ season: '2017-18', to, feedUrl: ready.url, concurrency });
  const ms = performance.now() - started;
  return { ms, inDataset: report.in_dataset, requests: (await requests()) - before };
}

const perMinute = (ms: number): number => ready.games.length / (ms / 60_000);
const folders = [0, 1, 2].map(() => mkdtempSync(path.join(os.tmpdir(), 'courtside-pull-bench-')));
// Warm-up, untimed: the CDN builds every document once, the puller's code gets compiled and optimized.
await fetchOnly(4);
await pull(4, folders[2] as string);
const floorMs = await fetchOnly(4);
const four = await pull(4, folders[0] as string);
const one = await pull(1, folders[1] as string);
const again = await pull(4, folders[0] as string);
child.disconnect();
for (const f of folders) rmSync(f, { recursive: true, force: true });

const n = ready.games.length;
for (const r of [four, one]) if (r.inDataset !== n) throw new Error(`pulled ${r.inDataset} of ${n} games`);
const row = (name: string, ms: number, extra: string): string => `| ${name} | ${(ms / 1000).toFixed(1)} s | ${perMinute(ms).toFixed(0)} | ${(ms / floorMs).toFixed(2)} | ${extra} |`;
console.log(`${n} games: floor ${perMinute(floorMs).toFixed(0)}/min, pull c4 ${perMinute(four.ms).toFixed(0)}/min, c1 ${perMinute(one.ms).toFixed(0)}/min, rerun ${(again.ms / 1000).toFixed(1)} s (${again.requests} requests)`);

writeSection('pull', '`data pull` against the fake CDN', `
${n} finished games of 2017-18 (its first ${ready.nights} nights), served in the CDN's formats (schedule, play-by-play, boxscore, gzip) by the fake CDN
in its own process at the lowest CPU priority, pulled into an empty folder: schedule, then per game the boxscore and
the play-by-play through \`NbaFeedClient.verbatim\` (schemas, retries, breaker), the row built by \`GameTracker\` and
checked against the boxscore, both documents gzipped and written atomically, and at the end \`minute_diffs.csv\`.
Floor, same run: the same ${2 * n} requests, same headers and gzip, 4 games at a time, bodies only read. Warm-up first
(a pass of the floor and a whole pull, untimed), so every timed pass finds the CDN's documents built and the puller's code
optimized. Time ratio = time / floor time.
Load average when the bench started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores.

| pass | time | games / minute | time ratio to floor | |
| --- | --- | --- | --- | --- |
${row('floor: fetch only, 4 at a time', floorMs, `${2 * n} requests`)}
${row('**data pull, concurrency 4**', four.ms, `${four.requests} requests, ${four.inDataset} rows`)}
${row('data pull, concurrency 1', one.ms, `${one.requests} requests, ${one.inDataset} rows`)}
${row('data pull again, nothing missing', again.ms, `${again.requests} request (the schedule); rows rebuilt from the ${n} games' files`)}
`);
