/**
 * The lead charts at device pixel ratios 1, 2 and 3, on a phone and a laptop, in Debian's chromium:
 * what each chart drew is measured on its canvas (font, ink box), and must be the same size in CSS
 * pixels at every ratio, inside the canvas, and never run together. A screenshot of each screen
 * must show ink at every label on it; with `COURTSIDE_SCREENSHOTS=docs/screenshots` they are kept
 * there (`dashboard-390x844@3x.png`, …), as checked in.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LABEL_PX } from '../../web/src/chart/lead-chart.ts';
import { ensureDashboardBuilt } from '../../src/web/build.ts';
import { collectConsoleErrors, eventually, launchScreens, requireChromium, type Screens } from './support/browser.ts';
import { drawnCharts, labelProblems, RECORD_CANVAS_TEXT, xAxisLabels, yAxisLabels, type DrawnChart } from './support/chart-labels.ts';
import { FakeNight, startFakeService, type FakeService } from './support/fake-service.ts';
import { checkScreenshot } from './support/screenshot-ink.ts';
import { initialGames } from './support/night.ts';

const quiet = { info() {}, warn() {} };
/** Cards with a chart in the hand-made night: every game that has tipped off. */
const CHARTS = initialGames().filter((g) => g.data.status !== 'Scheduled').length;
const MINUTES = ['0', '6', '12', '18', '24', '30', '36', '42', '48'];
/** Light pixels beside dark ones in a label's box: drawn text, not a flat background. */
const MIN_INK_CONTRAST = 80;
const KEEP_IN = process.env.COURTSIDE_SCREENSHOTS;

describe('lead chart at pixel ratios 1, 2 and 3', () => {
  let screens: Screens | undefined;
  let service: FakeService | undefined;

  before(async () => {
    const root = await ensureDashboardBuilt({ logger: quiet });
    service = await startFakeService({ root, night: new FakeNight('charts', initialGames()) });
  });
  after(async () => {
    await screens?.close();
    await service?.kill();
  });

  async function chartsAt(width: number, height: number, deviceScaleFactor: number): Promise<DrawnChart[]> {
    screens ??= await launchScreens();
    const page = await screens.open({ width, height, deviceScaleFactor }, RECORD_CANVAS_TEXT);
    const errors = collectConsoleErrors(page);
    await page.goto(service!.url);
    const drawn = async () => (await drawnCharts(page)).filter((c) => c.labels.length > 0).length;
    await eventually(`charts drawn at ${width}×${height}@${deviceScaleFactor}x`, drawn, CHARTS);
    // On a phone the scoreboard comes first: bring the first chart on screen for the picture.
    await page.locator('[data-testid^="lead-chart-"]').first().scrollIntoViewIfNeeded();
    const charts = await drawnCharts(page);
    const png = await page.screenshot();
    const shot = await checkScreenshot(page, png, charts, { width, height });
    const name = `dashboard-${width}x${height}@${deviceScaleFactor}x.png`;
    assert.deepEqual([shot.width, shot.height], [width * deviceScaleFactor, height * deviceScaleFactor], `${name}: device pixels`);
    assert.ok(shot.labels.length >= MINUTES.length, `${name}: at least one chart's axis on screen, got ${shot.labels.length} labels`);
    const faint = shot.labels.filter((l) => l.contrast < MIN_INK_CONTRAST).map((l) => `${l.chart} "${l.text}" (${l.contrast})`);
    assert.deepEqual(faint, [], `${name}: every label on screen is drawn in the picture`);
    if (KEEP_IN) {
      mkdirSync(KEEP_IN, { recursive: true });
      writeFileSync(path.join(KEEP_IN, name), png);
    }
    assert.deepEqual(errors, []);
    await page.close();
    return charts;
  }

  for (const { width, height, ratios } of [
    { width: 390, height: 844, ratios: [1, 2, 3] },
    { width: 1280, height: 800, ratios: [1, 2] },
  ]) {
    test(`${width}×${height}: labels ${LABEL_PX} CSS px, unclipped, apart, and the same at ${ratios.join(', ')}`, { timeout: 120_000 }, async (t) => {
      if (!requireChromium(t)) return;
      const byRatio = new Map<number, DrawnChart[]>();
      for (const ratio of ratios) {
        const charts = await chartsAt(width, height, ratio);
        assert.equal(charts.length, CHARTS);
        for (const chart of charts) {
          assert.equal(chart.ratio, ratio, `${chart.testId}: canvas backed at the screen's ratio`);
          assert.deepEqual(labelProblems(chart, LABEL_PX), []);
          assert.deepEqual(xAxisLabels(chart).map((l) => l.text), MINUTES, `${chart.testId} at ${ratio}: every minute label, in order`);
          assert.ok(yAxisLabels(chart).length >= 2, `${chart.testId} at ${ratio}: a y axis`);
          assert.ok(chart.labels.some((l) => l.text === 'HT') && chart.labels.some((l) => l.text === '18′'), `${chart.testId} at ${ratio}: the 18′ and HT markers`);
        }
        byRatio.set(ratio, charts);
      }
      // Same CSS layout at every ratio: each label where it is at ratio 1, give or take a pixel of hinting.
      const base = byRatio.get(1)!;
      for (const [ratio, charts] of byRatio) {
        for (const [i, chart] of charts.entries()) {
          const ref = base[i]!;
          assert.equal(chart.testId, ref.testId);
          assert.deepEqual(chart.labels.map((l) => l.text), ref.labels.map((l) => l.text), `${chart.testId}: same labels at ${ratio} as at 1`);
          for (const [j, l] of chart.labels.entries()) {
            const r = ref.labels[j]!;
            const off = Math.max(Math.abs(l.left - r.left), Math.abs(l.right - r.right), Math.abs(l.top - r.top), Math.abs(l.bottom - r.bottom));
            assert.ok(off <= 1.5, `${chart.testId} "${l.text}" at ${ratio} is ${off.toFixed(2)} CSS px from where it is at 1`);
          }
        }
      }
      t.diagnostic(`${width}×${height}: ${CHARTS} charts at ${ratios.join(', ')}, ${base[0]?.labels.length} labels each`);
    });
  }
});
