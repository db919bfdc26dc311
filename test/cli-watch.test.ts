/**
 * `courtside watch` as a person runs it, off a terminal (its output piped): against a real
 * `courtside serve` replaying a night fast on port 0, it prints every game and every forecast and
 * verdict of the night, says it is reconnecting when the server goes, and ends with the tally. A
 * server that is not there, a URL that is not one and a game id that is not one are each one line
 * and exit status 2.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliProcess } from './support/cli-process.ts';
import { closedPort } from './support/closed-port.ts';
import { findDataDir } from './support/data.ts';

const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
/** 2017-10-17, the season's first night: two games. */
const NIGHT = { date: '2017-10-17', games: { '0021700001': 'BOS @ CLE', '0021700002': 'HOU @ GSW' } };


describe('courtside watch off a terminal', () => {
  it('prints every game, forecast and verdict of a replayed night, then reconnecting, then the tally', { skip: data.reason, timeout: 180_000 }, async () => {
    const serve = new CliProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--date', NIGHT.date, '--speed', '1000', '--exit-when-done', '--no-dashboard'], { NBA_DATA_DIR: data.dir });
    let watcher: CliProcess | undefined;
    try {
      const [, port] = await serve.waitFor(/stream ws:\/\/localhost:(\d+)/, 120_000);
      watcher = new CliProcess(['watch', `ws://127.0.0.1:${port}`]);
      const exit = await serve.exited;
      assert.equal(exit.code, 0, serve.stderr);
      // Off a terminal, serve's log is JSON, and a clean night has no stack trace in it.
      const logLines = serve.stdout.trim().split('\n').filter((l) => !l.startsWith('Courtside:'));
      assert.ok(logLines.length > 0 && logLines.every((l) => typeof JSON.parse(l).msg === 'string'), serve.stdout);

      await watcher.waitFor(/connection reconnecting, next try in \d+\.\d s \(connect ECONNREFUSED/, 60_000);
      watcher.child.kill('SIGINT');
      assert.deepEqual(await watcher.exited, { code: 0, signal: null });
      const out = watcher.stdout;
      for (const [id, teams] of Object.entries(NIGHT.games)) {
        // Each game: seen (in the snapshot or as it started), its forecast (as it came, or in the snapshot if it came first), its verdict.
        assert.match(out, new RegExp(`(score     ${id} ${teams.replace(' @ ', ' \\d+ @ ')} \\d+|game      ${id} )`), `game ${id}`);
        assert.match(out, new RegExp(`(forecast  ${id} ${teams} · halftime lead [+-]?\\d+\\.\\d \\[[+-]?\\d+\\.\\d, [+-]?\\d+\\.\\d\\] 95%|game      ${id} .* · forecast [+-]?\\d+\\.\\d \\[)`), `forecast of ${id}`);
        assert.match(out, new RegExp(`(halftime  ${id} ${teams} · [+-]?\\d+ (covered|missed)|game      ${id} .* · halftime [+-]?\\d+ (covered|missed))`), `verdict of ${id}`);
      }
      assert.match(out, /^\d\d:\d\d:\d\d snapshot {2}\d games?$/m);
      assert.match(out, /\nTonight: 2 games · 2 forecasts · 2 graded · [0-2] inside the interval \(\d+%\) · MAE \d+\.\d\n$/);
      assert.equal(watcher.stderr, '');
      assert.ok(!out.includes('\x1b'), 'no ANSI off a terminal');
    } finally {
      await watcher?.kill();
      await serve.kill();
    }
  });

  it('is one line and exit status 2 for a server that is not there, a URL that is not one, and a game id that is not one', { timeout: 120_000 }, async () => {
    const port = await closedPort();
    const runs = [
      { args: ['watch', `ws://127.0.0.1:${port}`], says: new RegExp(`^courtside watch: no stream at ws://127\\.0\\.0\\.1:${port}/: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}; is \`courtside serve\` running there\\?\\n$`) },
      { args: ['watch', 'ftp://example.org'], says: /^courtside watch: URL: "ftp:\/\/example\.org" is not a WebSocket URL; give the stream as ws:\/\/host:port or wss:\/\/host \(default ws:\/\/localhost:8765\)\n$/ },
      { args: ['watch', '--game', '123'], says: /^courtside watch: --game: games: "123" is not a game id \(10 digits, e\.g\. "0021700001"\)\n$/ },
    ].map((run) => ({ ...run, process: new CliProcess(run.args) }));
    for (const run of runs) {
      assert.deepEqual(await run.process.exited, { code: 2, signal: null }, run.args.join(' '));
      assert.match(run.process.stderr, run.says);
      assert.equal(run.process.stdout, '');
    }
  });
});
