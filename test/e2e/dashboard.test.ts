/**
 * The dashboard in a real browser (Debian's chromium through playwright-core), served by the real
 * static handler, fed by a hand-written server that speaks the public WebSocket protocol.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { HALFTIME_MINUTE, minuteDiff, TRIGGER_MINUTE } from '../../src/domain/minutes.ts';
import type { GameSnapshot, Prediction } from '../../src/protocol/messages.ts';
import { ensureDashboardBuilt } from '../../src/web/build.ts';
import { collectConsoleErrors, eventually, launchChromium, requireChromium, textOf, WEBSOCKET_DOWN, type Chromium } from './support/browser.ts';
import { FakeNight, startFakeService, type FakeService } from './support/fake-service.ts';
import { data, EARLY, FINAL, forecastBody, HALF, initialGames, LATER, LIVE, pattern, prediction } from './support/night.ts';

const quiet = { info() {}, warn() {} };
const one = (n: number) => n.toFixed(1);

async function expectForecast(page: Page, id: string, p: Prediction, model: string): Promise<void> {
  await eventually(`forecast point of ${id}`, () => textOf(page, `forecast-point-${id}`), one(p.point_forecast));
  assert.equal(await textOf(page, `forecast-lower-${id}`), one(p.interval_lower));
  assert.equal(await textOf(page, `forecast-upper-${id}`), one(p.interval_upper));
  for (const [key, value] of Object.entries(p.components)) {
    assert.equal(await textOf(page, `forecast-component-${id}-${key}`), one(value ?? NaN), `${id} ${key}`);
  }
  assert.equal(await textOf(page, `forecast-model-${id}`), model);
}

async function expectScore(page: Page, g: Pick<GameSnapshot, 'game_id' | 'data'>): Promise<void> {
  await eventually(`away score of ${g.game_id}`, () => textOf(page, `away-score-${g.game_id}`), String(g.data.away_score));
  assert.equal(await textOf(page, `home-score-${g.game_id}`), String(g.data.home_score));
}

const connectionState = (page: Page) => page.getByTestId('connection-status').getAttribute('data-state');

describe('dashboard in chromium', () => {
  let root: string;
  let chromium: Chromium | undefined;
  const services: FakeService[] = [];

  before(async () => {
    root = await ensureDashboardBuilt({ logger: quiet });
  });
  after(async () => {
    await Promise.all(services.map((s) => s.kill().catch(() => {})));
    await chromium?.close();
  });

  async function open(night: FakeNight, viewport = { width: 1280, height: 800 }) {
    chromium ??= await launchChromium();
    const service = await startFakeService({ root, night });
    services.push(service);
    const page = await chromium.context.newPage();
    await page.setViewportSize(viewport);
    const errors = collectConsoleErrors(page);
    await page.goto(service.url);
    await eventually('connection', () => connectionState(page), 'connected');
    return { service, page, errors };
  }

  test('shows what the WebSocket sent: scores, forecasts, verdicts, tally, live updates', async (t) => {
    if (!requireChromium(t)) return;
    const games = initialGames();
    // Three minutes without news about a running game: the page must say the data is stale.
    const early = games.find((g) => g.game_id === EARLY);
    assert.ok(early);
    early.updated_at = new Date(Date.now() - 180_000).toISOString();
    const OFF = '0021700006';
    const postponed = { game_id: OFF, data: data({ away_team: 'NOP', home_team: 'MEM', status: 'Postponed' }), pattern: [], approximate: false, prediction: null, halftime: null, updated_at: new Date().toISOString() };
    const night = new FakeNight('e1', [...games, postponed]);
    const { service, page, errors } = await open(night);

    for (const g of games.filter((g) => g.data.status !== 'Scheduled')) await expectScore(page, g);
    assert.equal(await textOf(page, `status-${OFF}`), 'Postponed');
    assert.equal(await textOf(page, `home-score-${OFF}`), '', 'no score for a game that never tipped off');
    assert.equal(await page.getByTestId(`game-card-${OFF}`).count(), 0, 'and no card');
    assert.equal(await textOf(page, `status-${LATER}`), 'Tip 10:00 PM', 'tip time in the browser\'s zone (US Eastern)');
    assert.equal(await textOf(page, `status-${LIVE}`), 'Q2 5:32');
    assert.equal(await textOf(page, `status-${HALF}`), 'Halftime');
    assert.equal(await page.getByTestId(`freshness-${EARLY}`).getAttribute('data-stale'), 'true');
    assert.match((await textOf(page, `freshness-${EARLY}`)) ?? '', /stale · 3 min ago/);
    assert.equal(await page.getByTestId(`freshness-${LIVE}`).getAttribute('data-stale'), 'false');

    for (const g of games.filter((g) => g.prediction)) await expectForecast(page, g.game_id, g.prediction!.prediction, 'baseline-2017-18');
    assert.equal(await page.getByTestId(`verdict-${FINAL}`).getAttribute('data-covered'), 'covered');
    assert.match((await textOf(page, `verdict-${FINAL}`)) ?? '', /Covered/);
    assert.equal(await page.getByTestId(`verdict-${HALF}`).getAttribute('data-covered'), 'missed');
    assert.match((await textOf(page, `verdict-${HALF}`)) ?? '', /Missed.*error \+12\.2/);
    assert.equal(await textOf(page, 'tally-forecasts'), '3');
    assert.equal(await textOf(page, 'tally-covered'), '1/2');
    assert.equal(await textOf(page, 'tally-mae'), '6.9');
    assert.equal(await textOf(page, `progress-count-${EARLY}`), '8/18');
    assert.equal(await textOf(page, `progress-count-${LIVE}`), '18/18', 'past 18:00, before halftime: still the pattern');
    assert.equal(await page.getByTestId(`game-card-${LATER}`).count(), 0, 'no card before tip-off');

    // Which team is home, on the scoreboard and on every card.
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, and the text as rendered is what a fan reads
    const seen = async (testId: string) => (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim();
    assert.equal(await seen(`score-${FINAL}`), 'BOS 99 CLE HOME 102');
    assert.equal(await seen(`score-${LATER}`), 'SAC POR HOME', 'before tip-off too');
    for (const g of games.filter((g) => g.data.status !== 'Scheduled')) {
      const { away_team: away, home_team: home, away_score: a, home_score: h } = g.data;
      assert.equal(await seen(`score-${g.game_id}`), `${away} ${a} ${home} HOME ${h}`);
      assert.equal(await seen(`matchup-${g.game_id}`), `${away} ${a} @ ${home} HOME ${h}`);
    }

    // Past halftime the pattern line gives way to the game's state.
    const half = games.find((g) => g.game_id === HALF)!;
    const halfLead = half.data.differential;
    assert.equal(await page.getByTestId(`progress-${HALF}`).getAttribute('data-phase'), 'halftime');
    assert.equal(await textOf(page, `phase-${HALF}`), `Halftime · ${halfLead > 0 ? `GSW by ${halfLead}` : halfLead < 0 ? `HOU by ${-halfLead}` : 'level'}`);
    assert.equal(await textOf(page, `progress-count-${HALF}`), null, 'no "Pattern 18/18" after halftime');
    assert.equal(await textOf(page, `phase-${FINAL}`), 'Final · CLE won by 3');

    // Live: the early game scores and completes minutes up to 18, then gets its forecast.
    const earlyData = data({ ...early.data, away_score: 30, home_score: 38, period: 2, clock: '05:59' });
    service.broadcast(night.score(EARLY, earlyData));
    await expectScore(page, { game_id: EARLY, data: earlyData });
    assert.equal(await page.getByTestId(`freshness-${EARLY}`).getAttribute('data-stale'), 'false');
    const earlyPattern = pattern(18, 4);
    service.broadcast(night.progress(EARLY, earlyPattern));
    await eventually('progress', () => textOf(page, `progress-count-${EARLY}`), '18/18');
    const earlyPrediction = prediction(4.4, -6.3, 15.2);
    service.broadcast(night.predict(EARLY, { ...forecastBody(earlyPattern, earlyPrediction), model_version: 'baseline-2017-18' }));
    await expectForecast(page, EARLY, earlyPrediction, 'baseline-2017-18');
    assert.equal(await textOf(page, 'tally-forecasts'), '4');

    // The live game reaches halftime outside its interval's point but inside the interval.
    const live = games.find((g) => g.game_id === LIVE)!;
    const livePattern = [...live.pattern, 1, 2, 3, 3, 2, 1].map((d, i) => (i < TRIGGER_MINUTE ? d : minuteDiff(live.pattern, TRIGGER_MINUTE) + d));
    service.broadcast(night.progress(LIVE, livePattern));
    const actual = minuteDiff(livePattern, HALFTIME_MINUTE);
    const p = live.prediction!.prediction;
    const error = Math.round((actual - p.point_forecast) * 10) / 10;
    const covered = actual >= p.interval_lower && actual <= p.interval_upper;
    service.broadcast(night.halftime(LIVE, { actual, forecast: p, model_version: 'baseline-2017-18', error, covered, approximate: false }));
    await eventually('verdict', () => page.getByTestId(`verdict-${LIVE}`).getAttribute('data-covered'), covered ? 'covered' : 'missed');
    assert.match((await textOf(page, `verdict-${LIVE}`)) ?? '', covered ? /✓ Covered/ : /✗ Missed/);
    assert.equal(await textOf(page, `verdict-actual-${LIVE}`), actual > 0 ? `+${actual}` : String(actual));
    assert.equal(await textOf(page, 'tally-covered'), `${covered ? 2 : 1}/3`);
    // Into the second half: the line under the chart follows the game.
    service.broadcast(night.score(LIVE, { ...live.data, period: 3, clock: '11:20', away_score: 52, home_score: 50, differential: -2 }));
    await eventually('second half', () => textOf(page, `phase-${LIVE}`), '2nd half · MIL by 2');

    // Feed text is text: a model name full of HTML shows as those characters, creates no element.
    const html = '<img id="injected" src="x" onerror="window.__pwned=1">';
    service.broadcast(night.predict(LATER, { ...forecastBody(pattern(18, 5), prediction(1, -9, 11)), model_version: html }));
    service.broadcast(night.score(LATER, data({ away_team: 'SAC', home_team: 'POR', status: 'In Progress', period: 1, clock: '11:40', away_score: 2 })));
    await eventually('model name as text', () => textOf(page, `forecast-model-${LATER}`), html);
    // And what the protocol forbids (HTML as a team name) is refused before it reaches the page.
    service.broadcastRaw(
      JSON.stringify({ ...night.score(LATER, data({ away_team: 'SAC', home_team: 'POR', status: 'In Progress', period: 1 })), data: { away_team: html } }),
    );
    await page.getByTestId('rejected').waitFor();
    assert.match((await textOf(page, 'rejected')) ?? '', /Ignored 1 malformed message.*score_update: data/);
    assert.equal(await page.locator('#injected').count(), 0);
    assert.equal(await page.evaluate(() => 'pwned' in window || '__pwned' in window), false);

    // Clicking a game shows it alone; "All games" goes back.
    await page.getByTestId(`scoreboard-row-${HALF}`).click();
    await eventually('single card', () => page.locator('[data-testid^="game-card-"]').count(), 1);
    await page.getByTestId('show-all').click();
    await eventually('all cards', () => page.locator('[data-testid^="game-card-"]').count(), 5);

    // Only the refused message is reported, as a warning; nothing on the page is an error.
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('reconnects after the server dies and rebuilds its state from the new snapshot', async (t) => {
    if (!requireChromium(t)) return;
    const games = initialGames();
    const { service, page, errors } = await open(new FakeNight('e1', games));
    await expectScore(page, games.find((g) => g.game_id === LIVE)!);

    await service.kill();
    await eventually('after the kill', () => connectionState(page), 'reconnecting');
    assert.match((await textOf(page, 'connection-status')) ?? '', /Reconnecting…/);

    // Meanwhile the night went on; the restarted server knows it only as a snapshot.
    const moved = games.filter((g) => g.game_id !== FINAL);
    const live = moved.find((g) => g.game_id === LIVE)!;
    live.data = { ...live.data, status: 'Halftime', clock: '', away_score: 51, home_score: 55, differential: 4 };
    live.pattern = [...live.pattern, 3, 5, 6, 2, 4, 4];
    const p = live.prediction!.prediction;
    const covered = 4 >= p.interval_lower && 4 <= p.interval_upper;
    live.halftime = { actual: 4, forecast: p, model_version: 'baseline-2017-18', error: Math.round((4 - p.point_forecast) * 10) / 10, covered, approximate: false };
    const restarted = await startFakeService({ root, night: new FakeNight('e2', moved), port: service.port });
    services.push(restarted);

    await eventually('after the restart', () => connectionState(page), 'connected', 20_000);
    // The page's client asked to resume where it was; this server lost that history (new epoch),
    // so its snapshot replaces what the page knew.
    assert.deepEqual(service.connections, ['/']);
    assert.match(restarted.connections[0] ?? '', /^\/\?epoch=e1&last_seq=\d+$/);
    await expectScore(page, live);
    assert.equal(await textOf(page, `status-${LIVE}`), 'Halftime');
    assert.equal(await page.getByTestId(`verdict-${LIVE}`).getAttribute('data-covered'), covered ? 'covered' : 'missed');
    assert.equal(await textOf(page, `phase-${LIVE}`), 'Halftime · BOS by 4');
    await eventually('the game the new snapshot lacks', () => page.getByTestId(`scoreboard-row-${FINAL}`).count(), 0);
    // The tally is the new snapshot's: the dropped final game's forecast is gone with it.
    assert.equal(await textOf(page, 'tally-forecasts'), '2');
    assert.equal(await textOf(page, 'tally-covered'), `${covered ? 1 : 0}/2`);
    // The only errors are chromium's own reports of the refused handshakes while the server was down.
    assert.deepEqual(errors.filter((e) => !WEBSOCKET_DOWN.test(e)), []);
    await page.close();
  });

  test('fits a phone and follows the dark system theme', async (t) => {
    if (!requireChromium(t)) return;
    chromium ??= await launchChromium();
    const service = await startFakeService({ root, night: new FakeNight('e1', initialGames()) });
    services.push(service);
    const page = await chromium.context.newPage();
    const errors = collectConsoleErrors(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(service.url);
    await page.getByTestId(`forecast-point-${LIVE}`).waitFor();
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      background: getComputedStyle(document.documentElement).backgroundColor,
      widest: Math.max(...Array.from(document.querySelectorAll('[data-testid^="game-card-"], canvas')).map((e) => e.getBoundingClientRect().right)),
    }));
    assert.ok(layout.scrollWidth <= 390, `page is ${layout.scrollWidth}px wide on a 390px screen`);
    assert.ok(layout.widest <= 390, `a card or chart reaches ${layout.widest}px`);
    assert.equal(layout.background, 'rgb(14, 17, 22)');

    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
    const wide = await page.evaluate(() => ({
      background: getComputedStyle(document.documentElement).backgroundColor,
      scoreboard: document.querySelector('.scoreboard')!.getBoundingClientRect().right,
      games: document.querySelector('.games')!.getBoundingClientRect().left,
    }));
    assert.equal(wide.background, 'rgb(244, 245, 247)');
    assert.ok(wide.scoreboard <= wide.games, 'scoreboard beside the games at 1280 px');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
