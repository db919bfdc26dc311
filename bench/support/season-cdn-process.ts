/**
 * Child process of the pull bench: the fake CDN serving a finished season (the first `--games`
 * games of 2017-18, whole nights) in the CDN's formats, so the pull under test shares its process
 * with nothing but itself. Counts the requests it answers; tells the parent its URL and, on
 * `count`, the requests so far, over IPC. Exits when the parent leaves.
 */
import os from 'node:os';
import { loadSchedule } from '../../src/replay/dataset.ts';
import { loadSeason, startSeasonCdn } from '../../src/replay/season-cdn.ts';
import { dataArg } from '../stats.ts';

export interface SeasonCdnReady {
  readonly type: 'season_cdn_ready';
  readonly url: string;
  readonly games: string[];
  readonly nights: number;
}

export interface RequestCount {
  readonly type: 'requests';
  readonly count: number;
}

// The lowest CPU priority: it stands for the NBA's servers, which take none of the puller's machine.
os.setPriority(19);

const i = process.argv.indexOf('--games');
const wanted = Number(i >= 0 ? process.argv[i + 1] : 240);
const dataDir = dataArg();
const schedule = loadSchedule(dataDir).filter((g) => g.season === '2017-18');
const dates = [...new Set(schedule.map((g) => g.gameDate))].sort();
const chosen: string[] = [];
for (let n = 0; n < wanted && chosen.length < dates.length; ) {
  const date = dates[chosen.length] as string;
  chosen.push(date);
  n += schedule.filter((g) => g.gameDate === date).length;
}
const season = loadSeason(dataDir, { season: '2017-18', dates: chosen }, schedule);
let count = 0;
const cdn = await startSeasonCdn(season, { faults: () => void (count += 1) });
process.on('message', (message) => {
  if (message === 'count') process.send?.({ type: 'requests', count } satisfies RequestCount);
});
process.on('disconnect', () => void cdn.close().then(() => process.exit(0)));
process.send?.({ type: 'season_cdn_ready', url: cdn.url, games: season.games.map((g) => g.gameId), nights: chosen.length } satisfies SeasonCdnReady);
