/**
 * Child process of the archive bench: the fake NBA CDN replaying one night of the dataset from its
 * opening, at `--speed`, at the lowest CPU priority (it stands for the NBA's servers). Tells the
 * parent its URL over IPC; exits when the parent leaves.
 */
import os from 'node:os';
import { startFakeCdn } from '../../src/replay/fake-cdn.ts';
import { dataArg } from '../stats.ts';

export interface NightCdnReady {
  readonly type: 'night_cdn_ready';
  readonly url: string;
  readonly games: number;
}

const arg = (name: string): string => {
  const value = process.argv[process.argv.indexOf(name) + 1];
  if (!process.argv.includes(name) || value === undefined) throw new Error(`night-cdn-process: ${name} is required`);
  return value;
};

os.setPriority(19);
const cdn = await startFakeCdn({ dataDir: dataArg(), date: arg('--date'), speed: Number(arg('--speed')) });
process.on('disconnect', () => void cdn.close().then(() => process.exit(0)));
process.send?.({ type: 'night_cdn_ready', url: cdn.url, games: cdn.games.length } satisfies NightCdnReady);
