/**
 * The per-minute forecasts in a real browser: the page joins a game under way, fills its trail from
 * `/api/games/:id`, draws the final-margin fan on the lead chart and the win-probability line under
 * it, and follows each `forecast_update` as it arrives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ForecastUpdate, QuantileKey } from '../../src/protocol/messages.ts';
import { QUANTILE_KEYS } from '../../src/protocol/messages.ts';
import { ensureDashboardBuilt } from '../../src/web/build.ts';
import { collectConsoleErrors, eventually, launchChromium, requireChromium, textOf, type Chromium } from './support/browser.ts';
import { FakeNight, startFakeService, type FakeService } from './support/fake-service.ts';
import { initialGames, LIVE } from './support/night.ts';

type Body = Omit<ForecastUpdate, 'type' | 'seq' | 'timestamp' | 'game_id'>;

/** A forecast at the end of `minute`: the home team ahead by `point`, intervals narrowing as the game goes on. */
function forecastAt(minute: number, exact: number, homeWin: number): Body {
  const point = Math.round(exact * 10) / 10;
  const spread = 14 * Math.sqrt((48 - minute) / 48) + 1;
  const quantiles = Object.fromEntries(QUANTILE_KEYS.map((k, i) => [k, Math.round((point + spread * (i - 10) / 10) * 10) / 10])) as Record<QuantileKey, number>;
  return {
    minute, margin: Math.round(point), possession: minute % 2 ? 'home' : 'away', final_margin: { point, quantiles },
    halftime_margin: minute < 24 ? { point: Math.round(point * 5) / 10, quantiles } : null, home_win_probability: Math.round(homeWin * 1000) / 1000, model_version: 'in-game-test', approximate: false,
  };
}

describe('per-minute forecasts on the dashboard', () => {
  let root: string;
  let chromium: Chromium | undefined;
  let service: FakeService | undefined;

  before(async () => {
    root = await ensureDashboardBuilt({ logger: { info() {}, warn() {} } });
  });
  after(async () => {
    await service?.kill().catch(() => {});
    await chromium?.close();
  });

  test('draws the history from /api, then each new minute: the fan on the lead chart and the win-probability line', async (t) => {
    if (!requireChromium(t)) return;
    const night = new FakeNight('e1', initialGames());
    // The game is at minute 18 when the page opens: 18 forecasts already made.
    for (let m = 1; m <= 18; m++) night.minuteForecast(LIVE, forecastAt(m, 2 + m / 6, 0.5 + m / 100));
    service = await startFakeService({ root, night });
    chromium = await launchChromium();
    const page = await chromium.context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(service.url);

    await eventually('the win line charts the whole history', () => page.getByTestId(`win-chart-${LIVE}`).getAttribute('data-points'), '18');
    await eventually('the lead chart draws a fan slice per minute', () => page.getByTestId(`lead-chart-${LIVE}`).getAttribute('data-fan-minutes'), '18');
    assert.equal(await textOf(page, `win-probability-${LIVE}`), '68%');
    assert.equal(await textOf(page, `final-margin-${LIVE}`), '+5.0');
    assert.match((await page.getByTestId(`lead-chart-${LIVE}`).getAttribute('aria-label')) ?? '', /final margin forecast 5\.0 \(95%: -7\.1 to 17\.1\)/);
    assert.match((await page.getByTestId(`win-chart-${LIVE}`).getAttribute('aria-label')) ?? '', /BOS win probability: 68% after 18 min/);
    // The fan is painted: the lead chart's canvas has the fan's colour where no line or band is.
    const painted = await page.getByTestId(`lead-chart-${LIVE}`).locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let orange = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] as number) > (data[i + 2] as number) + 20 && (data[i + 3] as number) > 0) orange++;
      return orange;
    });
    assert.ok(painted > 500, `${painted} fan-coloured pixels`);

    // A new minute ends: the page follows it.
    service.broadcast(night.minuteForecast(LIVE, forecastAt(19, 6, 0.74)));
    await eventually('minute 19 charted', () => page.getByTestId(`win-chart-${LIVE}`).getAttribute('data-points'), '19');
    await eventually('the latest probability', () => textOf(page, `win-probability-${LIVE}`), '74%');
    assert.equal(await page.getByTestId(`lead-chart-${LIVE}`).getAttribute('data-fan-minutes'), '19');
    // A game without per-minute forecasts shows no win line.
    const others = initialGames().map((g) => g.game_id).filter((id) => id !== LIVE);
    for (const id of others) assert.equal(await page.getByTestId(`win-chart-${id}`).count(), 0, id);
    assert.deepEqual(errors, []);
  });
});
