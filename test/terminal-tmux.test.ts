/**
 * What a person sees in a real terminal (tmux, 100×30): `courtside serve` on a terminal writes
 * lines of words, one per forecast and per verdict, and the night's tally when stopped;
 * `courtside watch` beside it draws every game with its clock, forecast, interval and verdict,
 * fits a narrower window, says it is reconnecting when serve stops, and leaves the tally on the
 * shell's screen; a failing feed is one line
 * per failure with its cause and no stack trace.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closedPort } from './support/closed-port.ts';
import { findDataDir } from './support/data.ts';
import { Tmux, tmuxMissing } from './support/tmux.ts';

const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
const skip = data.reason ?? tmuxMissing();
const COURTSIDE = 'node --import tsx src/cli.ts';
const NIGHT = { date: '2017-10-17', games: { '0021700001': 'BOS @ CLE', '0021700002': 'HOU @ GSW' } };
const TALLY = /Tonight: 2 games · 2 forecasts · 2 graded · [0-2] inside the interval \(\d+%\) · MAE \d+\.\d/;


describe('in a real terminal', { skip, timeout: 240_000 }, () => {
  let tmux: Tmux;
  let dir: string;
  before(() => {
    tmux = new Tmux();
    dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-tmux-'));
  });
  after(() => {
    tmux.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serve writes a line per forecast and verdict and the tally; watch shows the whole night and fits the window', async () => {
    tmux.open('serve', `${COURTSIDE} serve --port 0 --host 127.0.0.1 --date ${NIGHT.date} --speed 1000 --no-dashboard --db ${path.join(dir, 'night.db')}`, { columns: 100, rows: 30 }, { NBA_DATA_DIR: data.dir as string });
    const started = await tmux.until('serve', (s) => /stream ws:\/\/localhost:\d+/.test(s), { timeoutMs: 120_000, history: true });
    const port = /stream ws:\/\/localhost:(\d+)/.exec(started.join('\n'))?.[1];
    tmux.open('watch', `${COURTSIDE} watch ws://127.0.0.1:${port}`);

    // serve: one line of words per forecast and per verdict, never a JSON log line or a stack.
    const served = await tmux.until('serve', (s) => Object.keys(NIGHT.games).every((id) => s.includes(`halftime  ${id}`)), { timeoutMs: 120_000, history: true });
    const forecasts = new Map<string, string>();
    for (const [id, teams] of Object.entries(NIGHT.games)) {
      const line = served.find((l) => l.includes(`forecast  ${id} ${teams}`));
      const m = /^\d\d:\d\d:\d\d forecast {2}\d+ [A-Z]+ @ [A-Z]+ · halftime lead ([+-]?\d+\.\d \[[+-]?\d+\.\d, [+-]?\d+\.\d\]) 95%$/.exec(line ?? '');
      assert.ok(m, `serve's forecast line for ${id}:\n${served.join('\n')}`);
      forecasts.set(id, m[1] as string);
      assert.ok(served.some((l) => new RegExp(`^\\d\\d:\\d\\d:\\d\\d halftime  ${id} ${teams} · [+-]?\\d+ (covered|missed) \\(forecast .*\\) · tonight: `).test(l)), `verdict of ${id}`);
    }
    assert.ok(!served.some((l) => l.includes('{"level"') || /^\s+at /.test(l)), served.join('\n'));

    // watch: the board, every game of the night final with its forecast (the same as serve's) and verdict.
    const board = await tmux.until('watch', (s) => / · live · 2 games /.test(s) && TALLY.test(s) && (s.match(/Final/g) ?? []).length === 2);
    assert.match(board[0] as string, new RegExp(`^Courtside · ws://127\\.0\\.0\\.1:${port}/ · live · 2 games +\\d\\d:\\d\\d:\\d\\d$`));
    assert.equal(board[1], 'GAME               CLOCK        LEAD        PATTERN         FORECAST (95%)        HALFTIME');
    for (const [id, teams] of Object.entries(NIGHT.games)) {
      const [away, home] = teams.split(' @ ');
      const row = board.find((l) => new RegExp(`^${away} \\d+ @ ${home} \\d+ +Final`).test(l));
      assert.ok(row, `a row for ${teams}:\n${board.join('\n')}`);
      assert.ok(row.includes(forecasts.get(id) as string), `${row} shows ${forecasts.get(id)}`);
      assert.match(row, /\d\d minutes +[+-]?\d+\.\d \[[^\]]+\] +[+-]?\d+ (covered|missed)$/);
    }
    assert.ok(board.every((l) => l.length <= 100) && board.length <= 30);

    // A narrower window: the lead and pattern give way, the forecast stays.
    tmux.resize('watch', 60, 20);
    const narrow = await tmux.until('watch', (s) => s.split('\n')[1] === 'GAME               CLOCK        FORECAST (95%)');
    assert.ok(narrow.every((l) => l.length <= 60), narrow.join('\n'));
    assert.ok([...forecasts.values()].every((f) => narrow.some((l) => l.includes(f))), narrow.join('\n'));

    // Ctrl-C on serve: its tally, exit 0. watch keeps the night on screen and says it is reconnecting.
    tmux.keys('serve', 'C-c');
    const stopped = await tmux.until('serve', (s) => s.includes('[exit '), { history: true });
    assert.match(stopped.join('\n'), new RegExp(`Courtside: SIGINT, shutting down\\n${TALLY.source}\\n\\[exit 0\\]`));
    const waiting = await tmux.until('watch', (s) => /^Courtside · ws:\/\/127\.0\.0\.1:\d+\/ · (reconnecting|offline, retrying) in \d/.test(s));
    assert.equal(waiting.filter((l) => / Final /.test(l)).length, 2, waiting.join('\n'));

    // Ctrl-C on watch: the shell's screen back, the tally on it, exit 0.
    tmux.keys('watch', 'C-c');
    const left = await tmux.until('watch', (s) => s.includes('[exit '), { history: true });
    assert.match(left.join('\n'), new RegExp(`${TALLY.source}\\n\\[exit 0\\]`));
    assert.ok(!left.some((l) => l.startsWith('Courtside ·')), 'the board is gone');
  });

  it('serve with a feed that is down: one line per failure, with its cause, and no stack trace', async () => {
    const port = await closedPort();
    tmux.open('down', `${COURTSIDE} serve --source nba --feed-url http://127.0.0.1:${port}/static/json/liveData --poll-seconds 1 --port 0 --no-dashboard --db ${path.join(dir, 'down.db')}`);
    const failure = new RegExp(`^\\d\\d:\\d\\d:\\d\\d error: scoreboard poll failed; keeping the last known state · .*http://127\\.0\\.0\\.1:${port}/static/json/liveData/scoreboard/todaysScoreboard_00\\.json.*ECONNREFUSED`);
    const screen = await tmux.until('down', (s) => s.split('\n').filter((l) => failure.test(l)).length >= 2, { history: true });
    assert.ok(!screen.some((l) => /^\s+at /.test(l) || l.includes('caused by')), screen.join('\n'));
    tmux.keys('down', 'C-c');
    await tmux.until('down', (s) => s.includes('[exit 0]'), { history: true });
  });
});
