import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Counter, Registry } from 'prom-client';
import { SERVER_EXAMPLES } from '../protocol/examples.ts';
import type { GameSnapshot } from '../protocol/messages.ts';
import { createApiHandler, type HealthReport } from './api.ts';
import { BearerToken } from './bearer-token.ts';

const game = (SERVER_EXAMPLES.snapshot as { games: GameSnapshot[] }).games[0]!;
const history = [{ ...game.minute_forecast!, minute: 23 }, game.minute_forecast!];

describe('HTTP API', () => {
  let server: Server;
  let base: string;
  let health: HealthReport = { status: 'ok', clients: 3 };
  const registry = new Registry();
  new Counter({ name: 'courtside_test_total', help: 'a test counter', registers: [registry] }).inc(2);

  before(async () => {
    const api = createApiHandler({ snapshot: () => [game], forecastHistory: (id) => (id === game.game_id ? history : []), health: () => health, registry });
    server = createServer((req, res) => {
      if (!api(req, res)) res.writeHead(404).end('not ours');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('serves the games exactly as the snapshot carries them, one game with its forecast history', async () => {
    const all = await fetch(`${base}/api/games`);
    assert.equal(all.status, 200);
    assert.match(all.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(await all.json(), { games: [game] });
    const one = await fetch(`${base}/api/games/${game.game_id}`);
    assert.deepEqual(await one.json(), { ...game, forecast_history: history });
  });

  it('answers an unknown game or route with a JSON 404 and other methods with 405', async () => {
    const missing = await fetch(`${base}/api/games/0029999999`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: 'not_found', message: 'no tracked game 0029999999' });
    assert.equal((await fetch(`${base}/api/nothing`)).status, 404);
    const post = await fetch(`${base}/api/games`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
  });

  it('reports health with 200 when ok and 503 when degraded', async () => {
    const ok = await fetch(`${base}/health`);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { status: 'ok', clients: 3 });
    health = { status: 'degraded', last_error: 'feed down' };
    const bad = await fetch(`${base}/health`);
    assert.equal(bad.status, 503);
    assert.equal((await bad.json()).last_error, 'feed down');
  });

  it('exposes Prometheus text', async () => {
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    assert.match(await res.text(), /^courtside_test_total 2$/m);
  });

  it('leaves other paths to the next handler', async () => {
    assert.equal(await (await fetch(`${base}/index.html`)).text(), 'not ours');
  });
});

describe('HTTP API with a token', () => {
  let server: Server;
  let base: string;
  const TOKEN = 's3cret-Token_123';

  before(async () => {
    const api = createApiHandler({ snapshot: () => [game], health: () => ({ status: 'ok' }), registry: new Registry(), token: new BearerToken(TOKEN) });
    server = createServer((req, res) => {
      if (!api(req, res)) res.writeHead(404).end('not ours');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('answers /metrics and /api/* only with the token, 401 and a Bearer challenge otherwise', async () => {
    for (const route of ['/metrics', '/api/games', `/api/games/${game.game_id}`, '/api/nothing']) {
      for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, `Bearer`, `${TOKEN}`]) {
        const res = await fetch(`${base}${route}`, { headers: authorization === undefined ? {} : { authorization } });
        assert.equal(res.status, 401, `${route} with ${authorization}`);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="courtside"');
        assert.deepEqual(await res.json(), { error: 'unauthorized', message: `${route} needs a valid token: Authorization: Bearer <token>` });
      }
    }
    const post = await fetch(`${base}/api/games`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 401, 'refused before the method is looked at');
    assert.equal((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
    const games = await fetch(`${base}/api/games`, { headers: { authorization: `bearer  ${TOKEN}` } });
    assert.deepEqual(await games.json(), { games: [game] });
  });

  it('keeps /health open, and other paths are not its business', async () => {
    assert.equal((await fetch(`${base}/health`)).status, 200);
    assert.equal(await (await fetch(`${base}/index.html`)).text(), 'not ours');
  });

  it('refuses an empty token or one with whitespace', () => {
    for (const bad of ['', ' ', 'two words', 5]) {
      assert.throws(() => new BearerToken(bad as string), { code: 'invalid_option', message: 'BearerToken: the token must be a non-empty string without whitespace' });
    }
  });
});
