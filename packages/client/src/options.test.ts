import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { CourtsideClient, type ClientOptions } from './index.ts';
import { resolveOptions } from './options.ts';

const base = { url: 'ws://127.0.0.1:8765/', WebSocket } as const;

test('defaults: every game, backoff 100 ms..15 s from 500 ms, offline after 5 failures', () => {
  const o = resolveOptions(base);
  assert.equal(o.games, '*');
  assert.deepEqual(o.backoff, { baseMs: 500, capMs: 15_000, minMs: 100 });
  assert.equal(o.offlineAfter, 5);
  assert.equal(o.url, 'ws://127.0.0.1:8765/');
  assert.deepEqual(resolveOptions({ ...base, backoff: { baseMs: 20 } }).backoff, { baseMs: 20, capMs: 15_000, minMs: 20 }, 'the default floor never exceeds a smaller base');
  assert.deepEqual(resolveOptions({ ...base, games: [] }).games, '*');
  assert.deepEqual(resolveOptions({ ...base, games: ['0021700001', '0021700001'] }).games, ['0021700001']);
});

test('a wrong option fails in the constructor, naming it, what it takes and what it got', () => {
  const cases: Array<[Partial<ClientOptions> | Record<string, unknown>, string]> = [
    [{ url: 'http://127.0.0.1:8765/' }, 'url must be a ws:// or wss:// URL, got "http://127.0.0.1:8765/"'],
    [{ url: 'localhost:8765' }, 'url must be a ws:// or wss:// URL, got "localhost:8765"'],
    [{ url: 8765 }, 'url must be a ws:// or wss:// URL string, got number'],
    [{ games: ['21700001'] }, 'games: "21700001" is not a game id (10 digits, e.g. "0021700001")'],
    [{ games: 'all' }, "games must be '*' or an array of game ids, got string"],
    [{ games: Array.from({ length: 101 }, (_, i) => String(21700000 + i).padStart(10, '0')) }, 'games: at most 100 games per subscription, got 101'],
    [{ backoff: { baseMs: 0 } }, 'backoff.baseMs must be > 0, got 0'],
    [{ backoff: { capMs: Number.NaN } }, 'backoff.capMs must be a number of milliseconds ≥ 0, got NaN'],
    [{ backoff: { baseMs: 1000, capMs: 500 } }, 'backoff.capMs (500) must be ≥ backoff.baseMs (1000)'],
    [{ backoff: { baseMs: 100, minMs: 200 } }, 'backoff.minMs (200) must be ≤ backoff.baseMs (100)'],
    [{ offlineAfter: 0 }, 'offlineAfter must be an integer ≥ 1, got 0'],
    [{ token: '' }, 'token must be a non-empty string'],
    [{ validate: 'zod' }, 'validate must be a function'],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => new CourtsideClient({ ...base, ...options } as ClientOptions), { name: 'ClientError', code: 'ERR_CLIENT_OPTION', message });
  }
  assert.throws(() => new CourtsideClient(null as unknown as ClientOptions), { code: 'ERR_CLIENT_OPTION', message: 'options must be an object with at least { url }' });
});

test('subscribe() checks its games the same way', async () => {
  const client = new CourtsideClient({ ...base, url: 'ws://127.0.0.1:9/', backoff: { baseMs: 60_000, capMs: 60_000 } });
  try {
    assert.throws(() => client.subscribe(['x']), { code: 'ERR_CLIENT_OPTION', message: 'games: "x" is not a game id (10 digits, e.g. "0021700001")' });
    assert.equal(client.subscription, '*');
  } finally {
    await client.close();
  }
});
