/**
 * What a new user does: start `courtside serve` (what `npm start` runs) as its own process and
 * watch the stream with a WebSocket client. `--exit-when-done` must end it with status 0. Its
 * output is not a terminal, so it logs JSON: one line per halftime forecast and per verdict.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../src/data/location.ts';
import { findDataDir } from './support/data.ts';
import { Collector } from './support/ws-collector.ts';

const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');

describe('courtside serve (the npm start command)', () => {
  it('streams a replayed night to a WebSocket client and exits 0 when every game is final', { skip: data.reason }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--speed', '1000', '--exit-when-done', '--no-dashboard', '--log-level', 'info'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NBA_DATA_DIR: data.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const m = /stream ws:\/\/localhost:(\d+)/.exec(stdout);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
    });
    const client = new Collector(`ws://127.0.0.1:${port}`);
    await client.opened;
    const [code] = await once(child, 'exit');
    await client.closed;
    assert.equal(code, 0, stderr);
    assert.equal(client.messages[0]?.type, 'snapshot');
    const types = new Set(client.messages.map((m) => m.type));
    for (const type of ['score_update', 'pattern_progress', 'ml_prediction', 'halftime_result']) assert.ok(types.has(type as never), `saw ${type}`);
    assert.deepEqual(client.invalid, []);

    const logged = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    const lines = (msg: string) => logged.filter((l) => l.msg === msg).map((l) => `${l.gameId} ${l.seq} ${l.point}`).sort();
    const forecasts = client.messages.flatMap((m) => (m.type === 'ml_prediction' ? [`${m.game_id} ${m.seq} ${m.prediction.point_forecast}`] : []));
    const verdicts = client.messages.flatMap((m) => (m.type === 'halftime_result' ? [`${m.game_id} ${m.seq} ${m.forecast?.point_forecast ?? null}`] : []));
    assert.deepEqual(lines('halftime forecast'), forecasts.sort(), 'one JSON line per forecast, with its figures');
    assert.deepEqual(lines('halftime graded'), verdicts.sort(), 'one JSON line per verdict');
  });
});
