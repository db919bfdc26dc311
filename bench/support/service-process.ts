/**
 * Child process of the resume bench: the service, as `courtside serve --source nba` runs it
 * (`startService`, under the service's V8 flags), restarted on an existing database and polling
 * the fake CDN. Tells the parent its port, epoch and seq over IPC; exits when the parent leaves.
 */
import type { BroadcasterOptions } from '../../src/broadcast/index.ts';
import { loadConfig } from '../../src/config.ts';
import { startService } from '../../src/main.ts';
import { stringArg } from './args.ts';

export interface ServiceReady {
  readonly type: 'service_ready';
  readonly port: number;
  readonly epoch: string;
  readonly seq: number;
}

const config = loadConfig({
  source: 'nba', feedUrl: stringArg('--feed-url'), speed: Number(stringArg('--speed')), db: stringArg('--db'), dataDir: stringArg('--data'),
  port: 0, host: '127.0.0.1', dashboard: false, logLevel: 'error',
});
const broadcastOptions = JSON.parse(stringArg('--broadcast')) as Omit<BroadcasterOptions, 'server' | 'snapshot' | 'log' | 'logger'>;
const service = await startService(config, { broadcastOptions });
process.on('disconnect', () => void service.close().then(() => process.exit(0)));
process.send?.({ type: 'service_ready', port: service.port, epoch: service.broadcaster.epoch, seq: service.broadcaster.seq } satisfies ServiceReady);
