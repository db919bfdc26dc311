/**
 * Screenshots of the dashboard for the README, at 1280×800 and 390×844, light and dark:
 *
 *   node --import tsx scripts/screenshots.ts            # a real 2017-18 night, replayed
 *   node --import tsx scripts/screenshots.ts --fixture  # the hand-made night of the e2e tests
 *
 * Options: --out DIR (default docs/screenshots), --speed N (replay speed, default 300),
 * --date YYYY-MM-DD (the night). Needs Debian's chromium (apt-get install -y chromium).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../src/data/location.ts';
import { ensureDashboardBuilt } from '../src/web/build.ts';
import { launchChromium } from '../test/e2e/support/browser.ts';

const { values: args } = parseArgs({
  options: {
    fixture: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(PROJECT_ROOT, 'docs/screenshots') },
    speed: { type: 'string', default: '300' },
    date: { type: 'string' },
  },
});

const SHOTS = [
  { name: 'dashboard-1280x800-light', width: 1280, height: 800, scheme: 'light' },
  { name: 'dashboard-1280x800-dark', width: 1280, height: 800, scheme: 'dark' },
  { name: 'dashboard-390x844-light', width: 390, height: 844, scheme: 'light' },
  { name: 'dashboard-390x844-dark', width: 390, height: 844, scheme: 'dark' },
] as const;

/** The moment worth showing: verdicts already in while other games are still being played. */
async function interesting(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const verdicts = await page.locator('[data-testid^="verdict-"]').count();
    const live = await page.locator('[data-testid^="game-card-"][data-status="In Progress"]').count();
    if (verdicts >= 2 && live >= 2) return;
    await page.waitForTimeout(200);
  }
  console.warn('screenshots: no moment with 2 verdicts and 2 live games; taking them anyway');
}

async function startServer(root: string): Promise<{ url: string; close(): Promise<void> }> {
  if (args.fixture) {
    const { FakeNight, startFakeService } = await import('../test/e2e/support/fake-service.ts');
    const { initialGames } = await import('../test/e2e/support/night.ts');
    const service = await startFakeService({ root, night: new FakeNight('screenshots', initialGames()) });
    return { url: service.url, close: () => service.kill() };
  }
  const { loadConfig } = await import('../src/config.ts');
  const { startService } = await import('../src/main.ts');
  const config = loadConfig({ port: 0, host: '127.0.0.1', speed: args.speed, date: args.date, logLevel: 'warn' });
  const service = await startService(config);
  return { url: service.url, close: () => service.close() };
}

const root = await ensureDashboardBuilt();
const server = await startServer(root);
const chromium = await launchChromium();
try {
  mkdirSync(args.out, { recursive: true });
  const pages: Page[] = [];
  for (const shot of SHOTS) {
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: shot.width, height: shot.height });
    await page.emulateMedia({ colorScheme: shot.scheme });
    await page.goto(server.url);
    pages.push(page);
  }
  await interesting(pages[0]!, args.fixture ? 5_000 : 180_000);
  for (const [i, shot] of SHOTS.entries()) {
    const file = path.join(args.out, `${shot.name}.png`);
    await pages[i]!.screenshot({ path: file });
    console.log(`screenshots: ${path.relative(process.cwd(), file)}`);
  }
} finally {
  await chromium.close();
  await server.close();
}
