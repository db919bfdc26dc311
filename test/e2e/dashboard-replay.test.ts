/**
 * Issue 4, acceptance 1 and 2, against the real service: a real 2017-18 night replayed at high
 * speed by the fake CDN, Courtside polling it over HTTP, the dashboard in Debian's chromium. The
 * service is killed mid-night and restarted on the same port against the same, still running
 * feed; the page must say it is reconnecting, then show what the restarted server says.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { startService, type RunningService } from '../../src/main.ts';
import { ensureDashboardBuilt } from '../../src/web/build.ts';
import type { HalftimeResult, Prediction, ScoreUpdateData, ServerMessage } from '../../src/protocol/messages.ts';
import { startFakeCdn, type FakeCdn } from '../../src/replay/fake-cdn.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { requireDataDir } from '../support/data.ts';
import { Collector } from '../support/ws-collector.ts';
import { collectConsoleErrors, eventually, launchChromium, requireChromium, textOf, WEBSOCKET_DOWN, type Chromium } from './support/browser.ts';

const SPEED = 2000;
const one = (n: number) => n.toFixed(1);

type Graded = Omit<HalftimeResult, 'type' | 'seq' | 'timestamp' | 'game_id'>;

/** What a person should see once the night is over, from the stream alone. */
class Expected {
  readonly scores = new Map<string, ScoreUpdateData>();
  readonly forecasts = new Map<string, Prediction>();
  readonly verdicts = new Map<string, Graded>();

  add(messages: readonly ServerMessage[]): void {
    for (const m of messages) {
      if (m.type === 'snapshot') {
        this.scores.clear();
        for (const g of m.games) {
          this.scores.set(g.game_id, g.data);
          if (g.prediction) this.forecasts.set(g.game_id, g.prediction.prediction);
          if (g.halftime) this.verdicts.set(g.game_id, g.halftime);
        }
      } else if (m.type === 'score_update') this.scores.set(m.game_id, m.data);
      else if (m.type === 'ml_prediction') this.forecasts.set(m.game_id, m.prediction);
      else if (m.type === 'halftime_result') this.verdicts.set(m.game_id, m);
    }
  }
}

test('a replayed night in the browser, through a service restart', { timeout: 180_000 }, async (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv', 'pbp_2017-18.csv');
  if (!dataDir || !requireChromium(t)) return;
  const scratch = mkdtempSync(path.join(tmpdir(), 'courtside-e2e-'));
  let cdn: FakeCdn | undefined;
  let service: RunningService | undefined;
  let chromium: Chromium | undefined;
  const collectors: Collector[] = [];
  t.after(async () => {
    for (const c of collectors) c.close();
    await service?.close();
    await cdn?.close();
    await chromium?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  // The service serves the dashboard built ahead (`npm run build` does it for `npm start`).
  await ensureDashboardBuilt({ logger: { info() {}, warn() {} } });
  // The feed lives apart from the service, so it keeps going while the service is down.
  // The night stands still until the service is up and the page connected: a slow start-up on a
  // loaded machine must not let the night run ahead of the service.
  const realNow = (): number => performance.timeOrigin + performance.now();
  const frozenAt = realNow();
  let goAt: number | undefined;
  cdn = await startFakeCdn({ dataDir, speed: SPEED, now: () => (goAt === undefined ? frozenAt : frozenAt + realNow() - goAt) });
  const start = (port: number) =>
    startService(
      loadConfig({
        source: 'nba',
        feedUrl: cdn!.url,
        speed: SPEED,
        pollSeconds: 10,
        dataDir,
        port,
        host: '127.0.0.1',
        db: path.join(scratch, 'courtside.db'),
        exitWhenDone: true,
        logLevel: 'silent',
      }),
      { logger: silentLogger },
    );
  service = await start(0);
  const port = service.port;
  const first = new Collector(service.wsUrl);
  collectors.push(first);

  chromium = await launchChromium();
  const page = await chromium.context.newPage();
  const errors = collectConsoleErrors(page);
  await page.goto(service.url);
  await eventually('connection', () => page.getByTestId('connection-status').getAttribute('data-state'), 'connected');
  goAt = realNow();

  // Mid-night: the first forecast is out and games are still being played.
  await first.until((ms) => ms.some((m) => m.type === 'ml_prediction'), 60_000);
  const beforeKill = first.ofType('ml_prediction')[0]!;
  await eventually('first forecast on the page', () => textOf(page, `forecast-point-${beforeKill.game_id}`), one(beforeKill.prediction.point_forecast));
  assert.ok(!cdn.isFinished(), 'the night is still on when the service dies');

  await service.close();
  service = undefined;
  await eventually('after the kill', () => page.getByTestId('connection-status').getAttribute('data-state'), 'reconnecting');
  assert.match((await textOf(page, 'connection-status')) ?? '', /Reconnecting…/);

  service = await start(port);
  const second = new Collector(service.wsUrl);
  collectors.push(second);
  await eventually('after the restart', () => page.getByTestId('connection-status').getAttribute('data-state'), 'connected', 30_000);
  await service.done;
  await second.readThrough(service.broadcaster.seq);

  const expected = new Expected();
  expected.add(first.messages);
  expected.add(second.messages);
  assert.deepEqual([...first.invalid, ...second.invalid], []);
  const ids = [...expected.scores.keys()];
  assert.ok(ids.length >= 10, `a busy night (got ${ids.length} games)`);
  t.diagnostic(`${ids.length} games, ${expected.forecasts.size} forecasts, ${expected.verdicts.size} halftime results`);

  for (const id of ids) {
    const d = expected.scores.get(id)!;
    await eventually(`final status of ${id}`, async () => (await textOf(page, `status-${id}`))?.startsWith('Final') ?? false, true);
    assert.equal(await textOf(page, `away-score-${id}`), String(d.away_score), `${id} away score`);
    assert.equal(await textOf(page, `home-score-${id}`), String(d.home_score), `${id} home score`);
    assert.equal(await textOf(page, `card-home-score-${id}`), String(d.home_score), `${id} card`);
  }
  // At this speed a second of outage is half an hour of game time: games that went from before
  // 18:00 to past halftime while the service was down get no forecast, and say so.
  assert.ok(expected.forecasts.size >= 1, 'forecasts for the night');
  for (const id of ids.filter((id) => !expected.forecasts.has(id))) {
    assert.equal(expected.verdicts.get(id)?.forecast ?? null, null, `${id}: no forecast, and a halftime result without one`);
  }
  for (const [id, p] of expected.forecasts) {
    assert.equal(await textOf(page, `forecast-point-${id}`), one(p.point_forecast), `${id} point`);
    assert.equal(await textOf(page, `forecast-lower-${id}`), one(p.interval_lower), `${id} lower`);
    assert.equal(await textOf(page, `forecast-upper-${id}`), one(p.interval_upper), `${id} upper`);
    for (const [key, value] of Object.entries(p.components)) {
      assert.equal(await textOf(page, `forecast-component-${id}-${key}`), one(value ?? NaN), `${id} ${key}`);
    }
  }
  let covered = 0;
  for (const [id, h] of expected.verdicts) {
    const state = h.covered === null ? 'none' : h.covered ? 'covered' : 'missed';
    if (h.covered) covered += 1;
    assert.equal(await page.getByTestId(`verdict-${id}`).getAttribute('data-covered'), state, `${id} verdict`);
    assert.match((await textOf(page, `verdict-${id}`)) ?? '', state === 'covered' ? /Covered/ : state === 'missed' ? /Missed/ : /No forecast/);
    assert.equal(await textOf(page, `verdict-actual-${id}`), h.actual > 0 ? `+${h.actual}` : String(h.actual), `${id} actual`);
  }
  const settled = [...expected.verdicts.values()].filter((h) => h.covered !== null).length;
  assert.equal(await textOf(page, 'tally-forecasts'), String(expected.forecasts.size));
  assert.equal(await textOf(page, 'tally-covered'), `${covered}/${settled}`);
  const errorsOf = [...expected.verdicts.values()].flatMap((h) => (h.error === null ? [] : [Math.abs(h.error)]));
  assert.equal(await textOf(page, 'tally-mae'), one(errorsOf.reduce((a, b) => a + b, 0) / errorsOf.length));
  t.diagnostic(`page: ${covered}/${settled} covered, MAE ${await textOf(page, 'tally-mae')}; console: ${errors.length} handshake errors while down`);
  // Chromium's own reports of the refused handshakes while the service was down are the only errors.
  assert.deepEqual(errors.filter((e) => !WEBSOCKET_DOWN.test(e)), []);
});
