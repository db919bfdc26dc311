/**
 * A Broadcaster on its own HTTP server, in a process of its own under the service's V8 flags, so a
 * test can measure the server's memory apart from its clients'. Its options come as JSON in the
 * first argument; one game is tracked. Over IPC it says `ready` with its port, and answers
 * `memory` with its resident set size and `stats` with the broadcaster's counters.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Broadcaster } from '../../../src/broadcast/broadcaster.ts';
import type { BroadcasterOptions } from '../../../src/broadcast/options.ts';
import { GAME_A, gameSnapshot } from '../../../src/broadcast/testing/fixtures.ts';

export type ServerReply =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'memory'; readonly rss: number }
  | { readonly type: 'stats'; readonly stats: ReturnType<Broadcaster['stats']> };

const options = JSON.parse(process.argv[2] ?? '{}') as Partial<BroadcasterOptions>;
const games = [gameSnapshot(GAME_A, 54, 50)];
const server = createServer((_req, res) => res.writeHead(404).end());
const broadcaster = new Broadcaster({ ...options, server, snapshot: () => games });

// A server that has been up a while has used its young generation (32 MB semi-spaces under the
// service's flags); a fresh one would show those pages being touched for the first time as growth.
let junk: unknown;
for (let i = 0; i < 3_000_000; i += 1) junk = { i, text: `garbage ${i}` };
void junk;

const send = (reply: ServerReply): void => void process.send?.(reply);
process.on('message', (message) => {
  if (message === 'memory') send({ type: 'memory', rss: process.memoryUsage().rss });
  if (message === 'stats') send({ type: 'stats', stats: broadcaster.stats() });
});
process.on('disconnect', () => process.exit(0));
server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: (server.address() as AddressInfo).port }));
