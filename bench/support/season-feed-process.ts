/**
 * Child process of the soak: one loopback "CDN" that replays a whole season night after night.
 * Each night is served by the replay's own handler (`createCdnHandler`, the fake CDN's), with a
 * clock that does not follow real time: every scoreboard request moves it `--step-seconds`
 * on (a poll every that many seconds of the night, as fast as the service polls), jumping over
 * stretches with no game live. A few steps after a night's last game is final the next night is
 * swapped in. The clock stands still until the parent sends `go`. The season's rows live here, not in the service's process, so the service's heap is
 * its own. Tells the parent its URL, each new night and the end over IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCdnHandler } from '../../src/replay/cdn-handler.ts';
import { loadSeasonGames, type LoadedGame } from '../../src/replay/dataset.ts';
import { buildNight, type Night } from '../../src/replay/night.ts';
import { ReplayClock } from '../../src/replay/replay-clock.ts';
import { LIVE_DATA_PATH } from '../../src/replay/routes.ts';
import { dataArg } from '../stats.ts';

export type SeasonFeedMessage =
  | { readonly type: 'feed_ready'; readonly url: string; readonly nights: number; readonly games: number }
  | { readonly type: 'night'; readonly index: number; readonly date: string; readonly games: number }
  | { readonly type: 'season_done'; readonly nights: number; readonly requests: number };

/** Steps a finished night stays on, so the service sees every game final before it goes. */
const LINGER_STEPS = 3;

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const stepMs = numberArg('--step-seconds', 60) * 1000;
const loaded = loadSeasonGames(dataArg(), '2017-18');
const byDate = new Map<string, LoadedGame[]>();
for (const game of loaded.games) byDate.set(game.info.gameDate, [...(byDate.get(game.info.gameDate) ?? []), game]);
const dates = [...byDate.keys()].sort().slice(0, numberArg('--nights', Number.POSITIVE_INFINITY));
const send = (message: SeasonFeedMessage): void => void process.send?.(message);

let index = -1;
let night!: Night;
let virtual = 0;
let clock!: ReplayClock;
let handler!: http.RequestListener;
let requests = 0;
let done = false;
let running = false;
process.on('message', (message) => {
  if (message === 'go') running = true;
});

function nextNight(): void {
  index += 1;
  const date = dates[index] as string;
  night = buildNight(date, { games: byDate.get(date) ?? [], unplaced: [], absent: [] });
  clock = new ReplayClock({ start: night.opensAt, speed: 1, now: () => virtual });
  handler = createCdnHandler({ night, clock });
  send({ type: 'night', index, date, games: night.games.length });
}

/** One poll later; over a stretch with no game live, straight to the next tip. */
function advance(): void {
  virtual += stepMs;
  const t = clock.now();
  const live = night.games.some((g) => g.startsAt <= t && t < g.endsAt);
  const nextTip = Math.min(...night.games.filter((g) => g.startsAt > t).map((g) => g.startsAt));
  if (!live && Number.isFinite(nextTip)) virtual += nextTip - t;
  if (t < night.closesAt + LINGER_STEPS * stepMs) return;
  if (index + 1 < dates.length) nextNight();
  else if (!done) {
    done = true;
    send({ type: 'season_done', nights: dates.length, requests });
  }
}

nextNight();
const server = http.createServer((req, res) => {
  requests += 1;
  if (running && req.url?.startsWith(`${LIVE_DATA_PATH}/scoreboard/`)) advance();
  handler(req, res);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  send({ type: 'feed_ready', url: `http://127.0.0.1:${port}${LIVE_DATA_PATH}`, nights: dates.length, games: dates.reduce((n, d) => n + (byDate.get(d)?.length ?? 0), 0) });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
