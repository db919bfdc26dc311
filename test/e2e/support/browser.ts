import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`); CI installs it the same way. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Like requireDataDir: skipped with a reason outside CI, a failure in CI. */
export function requireChromium(t: TestContext): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const reason = `chromium missing at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI requires it)`);
  t.skip(reason);
  return false;
}

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Where the browser thinks it is: US Eastern, the NBA's own clock, so tip times read the same on
 * every machine (and in the README's screenshots).
 */
export const BROWSER_TIME_ZONE = 'America/New_York';

/** A browser with a fresh profile of its own, removed on close. */
export async function launchChromium(viewport = { width: 1280, height: 800 }): Promise<Chromium> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'courtside-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    timezoneId: BROWSER_TIME_ZONE,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A screen to open the page on: its CSS size, its device pixel ratio, and its colour scheme. */
export interface Screen {
  readonly width: number;
  readonly height: number;
  readonly deviceScaleFactor: number;
  readonly colorScheme?: 'light' | 'dark';
}

export interface Screens {
  /** A page in a context of its own, as that screen shows it; `initScript` runs before the page's own. */
  open(screen: Screen, initScript?: string): Promise<Page>;
  close(): Promise<void>;
}

/** One browser for several screens: the pixel ratio is fixed per context, so each page gets one. */
export async function launchScreens(): Promise<Screens> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return {
    async open(screen, initScript) {
      const context = await browser.newContext({
        viewport: { width: screen.width, height: screen.height },
        deviceScaleFactor: screen.deviceScaleFactor,
        colorScheme: screen.colorScheme ?? 'light',
        timezoneId: BROWSER_TIME_ZONE,
      });
      if (initScript) await context.addInitScript({ content: initScript });
      return context.newPage();
    },
    close: () => browser.close(),
  };
}

/**
 * Everything the page logs as an error. Chromium itself logs a failed WebSocket handshake as a
 * console error while the server is down; that is the browser reporting the outage the test
 * caused, not the page misbehaving, so callers may pass `allow` for exactly that.
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

export const WEBSOCKET_DOWN = /^WebSocket connection to 'ws:\/\/[^']+' failed/;

/** Polls until `read` returns `expected` (compared as text), then returns it; else fails naming `what`. */
export async function eventually<T>(what: string, read: () => Promise<T>, expected: T, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (last === expected) return last;
    if (Date.now() > deadline) throw new Error(`${what}: expected ${String(expected)}, last saw ${String(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Text of the element with this data-testid, trimmed; null when it is absent. */
export async function textOf(page: Page, testId: string): Promise<string | null> {
  const el = page.getByTestId(testId);
  if ((await el.count()) === 0) return null;
  return (await el.first().textContent())?.replace(/\s+/g, ' ').trim() ?? null;
}
