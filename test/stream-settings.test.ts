/**
 * The stream's token and Origin allow-list, set the way an operator sets them (the service's
 * config from flags and environment), reach the running service: 401 without the token, 403 from
 * a browser origin not on the list, a stream for the right token from an allowed origin.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';
import { loadConfig } from '../src/config.ts';
import { startService } from '../src/main.ts';
import { BASELINE_MODEL } from '../src/config/model.ts';
import { requireDataDir } from './support/data.ts';

function connect(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', reject);
  });
}

test('--token and --allowed-origin (here from the environment) guard the stream', async (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'courtside-stream-settings-')), 'courtside.db');
  const config = loadConfig(
    { source: 'nba', feedUrl: 'http://127.0.0.1:9/static/json/liveData', port: 0, host: '127.0.0.1', dashboard: false, logLevel: 'silent', modelDir: BASELINE_MODEL, dataDir, db },
    { COURTSIDE_TOKEN: 's3cret', COURTSIDE_ALLOWED_ORIGINS: 'https://ok.example,http://localhost:5173' },
  );
  const service = await startService(config);
  t.after(() => service.close());
  const url = `ws://127.0.0.1:${service.port}/`;
  assert.equal(await connect(url, {}), 401);
  assert.equal(await connect(url, { authorization: 'Bearer wrong' }), 401);
  assert.equal(await connect(url, { authorization: 'Bearer s3cret', origin: 'https://evil.example' }), 403);
  assert.equal(await connect(url, { authorization: 'Bearer s3cret', origin: 'http://localhost:5173' }), 101);
  assert.equal(await connect(`${url}?token=s3cret`, {}), 101);
});
