/**
 * Child process of the live benches: the fake NBA CDN serving the busy 15-game night (all games
 * live together), so the service under test shares its process with nothing but itself. The
 * replay clock stands still at `--start-minutes` after the first tip until the parent sends
 * `go`, then runs at `--speed`. Tells the parent its URL over IPC; exits when the parent leaves.
 */
import os from 'node:os';
import { startFakeCdn } from '../../src/replay/fake-cdn.ts';
import { dataArg } from '../stats.ts';
import { numberArg } from './args.ts';
import { alignTips, loadBusyNight } from './night.ts';

export interface CdnReady {
  readonly type: 'cdn_ready';
  readonly url: string;
  /** Simulated instant the clock stands at until `go`. */
  readonly start: number;
  readonly games: number;
}

// The lowest CPU priority: this process stands for the NBA's servers, which in production take
// none of the service's machine; here it would compete with the service and the clients.
os.setPriority(19);

const speed = numberArg('--speed');
const night = alignTips(loadBusyNight(dataArg()), 60_000);
const start = Math.min(...night.games.map((g) => g.startsAt)) + numberArg('--start-minutes') * 60_000;
const realNow = (): number => performance.timeOrigin + performance.now();
const frozenAt = realNow();
let goAt: number | undefined;
const cdn = await startFakeCdn({
  night: { ...night, opensAt: start },
  speed,
  now: () => (goAt === undefined ? frozenAt : frozenAt + (realNow() - goAt)),
});
process.on('message', (message) => {
  if (message === 'go') goAt = realNow();
});
process.on('disconnect', () => void cdn.close().then(() => process.exit(0)));
process.send?.({ type: 'cdn_ready', url: cdn.url, start, games: night.games.length } satisfies CdnReady);
