import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, natsServers } from './config.ts';

describe('loadConfig', () => {
  it('fills the defaults and freezes the result', () => {
    const c = loadConfig({ source: 'nba' }, {});
    assert.equal(c.port, 8765);
    assert.equal(c.source, 'nba');
    assert.equal(c.feedUrl, 'https://cdn.nba.com/static/json/liveData');
    assert.equal(c.pollSeconds, 10);
    assert.equal(c.coverage, 0.95);
    assert.ok(Object.isFrozen(c));
  });
  it('lets options beat the environment', () => {
    assert.equal(loadConfig({ source: 'nba' }, { COURTSIDE_PORT: '9000' }).port, 9000);
    assert.equal(loadConfig({ source: 'nba', port: 9100 }, { COURTSIDE_PORT: '9000' }).port, 9100);
    assert.equal(loadConfig({ source: 'nba', dataDir: '/tmp/x' }, {}).dataDir, '/tmp/x');
    assert.equal(loadConfig({ source: 'nba' }, { NBA_DATA_DIR: '/tmp/y' }).dataDir, '/tmp/y');
  });
  it('takes the API token from --api-token or COURTSIDE_API_TOKEN, and never echoes a bad one', () => {
    assert.equal(loadConfig({ source: 'nba' }, {}).apiToken, undefined);
    assert.equal(loadConfig({ source: 'nba' }, { COURTSIDE_API_TOKEN: 'from-env' }).apiToken, 'from-env');
    assert.equal(loadConfig({ source: 'nba', apiToken: 'from-flag' }, { COURTSIDE_API_TOKEN: 'from-env' }).apiToken, 'from-flag');
    for (const bad of ['', 'has space']) {
      assert.throws(() => loadConfig({ source: 'nba', apiToken: bad }, {}), (e: unknown) => e instanceof ConfigError && e.message === '--api-token must be a non-empty string without whitespace');
    }
    assert.throws(() => loadConfig({ source: 'nba' }, { COURTSIDE_API_TOKEN: '' }), /COURTSIDE_API_TOKEN must be a non-empty string without whitespace$/);
  });
  it('takes the stream\'s connection limits from flags or the environment, else leaves them to the broadcaster', () => {
    const c = loadConfig({ source: 'nba' }, { COURTSIDE_MAX_CONNECTIONS: '800', COURTSIDE_MAX_CONNECTIONS_PER_ADDRESS: '20' });
    assert.equal(c.maxConnections, 800);
    assert.equal(c.maxConnectionsPerAddress, 20);
    assert.equal(loadConfig({ source: 'nba' }, {}).maxConnections, undefined);
    assert.equal(loadConfig({ source: 'nba', maxConnections: '900' }, { COURTSIDE_MAX_CONNECTIONS: '800' }).maxConnections, 900);
    assert.throws(() => loadConfig({ source: 'nba' }, { COURTSIDE_MAX_CONNECTIONS: '0' }), { message: 'COURTSIDE_MAX_CONNECTIONS must be an integer 1..1000000, got 0' });
    assert.throws(() => loadConfig({ source: 'nba', maxConnectionsPerAddress: '1.5' }, {}), { message: '--max-connections-per-address must be an integer 1..1000000, got 1.5' });
  });
  it('takes the stream token, the allowed origins and the feed timeout from flags or the environment', () => {
    const c = loadConfig({ source: 'nba' }, { COURTSIDE_TOKEN: 's3cret', COURTSIDE_ALLOWED_ORIGINS: 'https://a.example, http://localhost:5173', COURTSIDE_FEED_TIMEOUT_MS: '2500' });
    assert.equal(c.token, 's3cret');
    assert.deepEqual(c.allowedOrigins, ['https://a.example', 'http://localhost:5173']);
    assert.equal(c.feedTimeoutMs, 2500);
    assert.deepEqual(loadConfig({ source: 'nba', allowedOrigins: ['https://b.example'] }, { COURTSIDE_ALLOWED_ORIGINS: 'https://a.example' }).allowedOrigins, ['https://b.example']);
    assert.throws(() => loadConfig({ source: 'nba', allowedOrigins: ['https://b.example/path'] }, {}), { message: '--allowed-origin must be an origin such as https://courtside.example, got https://b.example/path' });
    assert.throws(() => loadConfig({ source: 'nba', token: 'two words' }, {}), { message: '--token must be a non-empty string without whitespace' });
    assert.throws(() => loadConfig({ source: 'nba', feedTimeoutMs: '10' }, {}), { message: '--feed-timeout-ms must be an integer 100..120000, got 10' });
  });
  it('fails fast naming the option', () => {
    assert.throws(() => loadConfig({ source: 'nba', port: 70_000 }, {}), (e: unknown) => e instanceof ConfigError && /--port/.test(e.message));
    assert.throws(() => loadConfig({ source: 'nba', date: '2017-13-45' }, {}), /--date/);
    assert.throws(() => loadConfig({ source: 'nba', feedUrl: 'ftp://x' }, {}), /--feed-url/);
    assert.throws(() => loadConfig({ source: 'nba', speed: -1 }, {}), /--speed/);
    assert.throws(() => loadConfig({ source: 'tv' as 'nba' }, {}), /--source/);
  });
  it('takes an in-game model folder only when it holds a model', () => {
    assert.throws(() => loadConfig({ source: 'nba', inGameModelDir: '/nonexistent/in-game' }, {}), {
      name: 'ConfigError',
      message: '--in-game-model has no model.json in /nonexistent/in-game: train one with courtside train --forecaster in-game',
    });
    assert.equal(loadConfig({ source: 'nba', inGameModelDir: 'models/in-game' }, {}).inGameModelDir, 'models/in-game');
    assert.equal(loadConfig({ source: 'nba' }, {}).inGameModelDir, undefined);
  });

  it('replays an archive only as a replay, and only as the one night it holds', () => {
    assert.equal(loadConfig({ archive: 'night.archive', dataDir: '/tmp/x' }, {}).archive, 'night.archive');
    assert.throws(() => loadConfig({ source: 'nba', archive: 'night.archive' }, {}), { name: 'ConfigError', message: '--archive replays a recorded night: use it with --source replay' });
    assert.throws(() => loadConfig({ archive: 'night.archive', date: '2018-01-01', dataDir: '/tmp/x' }, {}), { message: '--date goes without --archive: the archive is one night already' });
  });
  it('runs one process by default; a poller or an edge needs NATS, and pollers one shared feed', () => {
    assert.equal(loadConfig({ source: 'nba' }, {}).role, 'all');
    const edge = loadConfig({ role: 'edge' }, { COURTSIDE_NATS: 'nats://a:4222,nats://b:4222' });
    assert.deepEqual(natsServers(edge), ['nats://a:4222', 'nats://b:4222']);
    assert.equal(loadConfig({ role: 'poller', source: 'nba', nats: 'nats://a:4222' }, {}).role, 'poller');
    assert.throws(() => loadConfig({ role: 'edge' }, {}), { message: '--nats is needed with --role edge (or set COURTSIDE_NATS)' });
    assert.throws(() => loadConfig({ source: 'nba', nats: 'nats://a:4222' }, {}), /--nats is only for --role poller or --role edge/);
    assert.throws(() => loadConfig({ role: 'poller', nats: 'nats://a:4222', dataDir: '/tmp/x' }, {}), /--role poller must poll one shared feed/);
    assert.throws(() => loadConfig({ role: 'edge', nats: 'http://a:4222' }, {}), /--nats must be nats:\/\/host:port URLs/);
  });
});
