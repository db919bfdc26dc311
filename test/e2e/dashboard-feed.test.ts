/**
 * Issue 18: with the NBA unreachable the dashboard showed a green "Connected" and "No games
 * tonight". The real service polls a CDN the test scripts, on a quiet night; when every
 * scoreboard gets a 403 the page must say the feed is unreachable, since when and why (a page
 * opened meanwhile too, from its snapshot), and clear it all once the feed answers again.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { clockTime } from '../../web/src/feed-alert.ts';
import { ensureDashboardBuilt } from '../../src/web/build.ts';
import { ScriptedCdn, scoreboardJson, startScriptedService, type ScriptedService } from '../support/scripted-service.ts';
import { findDataDir } from '../support/data.ts';
import { pngSize } from './support/screenshot-ink.ts';
import { BROWSER_TIME_ZONE, collectConsoleErrors, eventually, launchScreens, requireChromium, textOf, type Screens } from './support/browser.ts';

const QUIET = scoreboardJson([]);
const DENIED = '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>You don\'t have permission.</BODY></HTML>';
const PHONE = { width: 390, height: 844, deviceScaleFactor: 2 };

const feedOf = (page: Page) => page.getByTestId('connection-status').getAttribute('data-feed');

describe('dashboard while the NBA feed fails, in chromium', () => {
  const data = findDataDir('minute_diffs.csv');
  let cdn: ScriptedCdn | undefined;
  let run: ScriptedService | undefined;
  let screens: Screens | undefined;

  before(async () => {
    if (!data.dir) return;
    await ensureDashboardBuilt({ logger: { info() {}, warn() {} } });
    cdn = await ScriptedCdn.start();
    cdn.answer = { status: 200, body: QUIET };
    run = await startScriptedService(cdn, data.dir, {}, { dashboard: true });
  });
  after(async () => {
    await screens?.close();
    await run?.close();
    await cdn?.close();
  });

  test('says the feed is unreachable, since when and why, instead of a quiet night; clears it when the feed answers', { timeout: 60_000 }, async (t) => {
    if (!data.dir) return t.skip(data.reason);
    if (!requireChromium(t)) return;
    screens = await launchScreens();
    const page = await screens.open(PHONE);
    const errors = collectConsoleErrors(page);
    await page.goto(run!.service.url);

    await eventually('a quiet night', () => textOf(page, 'no-games'), 'No games tonight.');
    await eventually('the feed judged ok', () => feedOf(page), 'ok');
    assert.equal(await textOf(page, 'connection-status'), 'Connected');
    assert.equal(await page.getByTestId('feed-alert').count(), 0);

    cdn!.answer = { status: 403, body: DENIED };
    const alert = page.getByTestId('feed-alert');
    await alert.waitFor({ state: 'visible', timeout: 10_000 });
    const since = (await (await run!.get('/health')).json()) as { feed: { state: string; since: string } };
    assert.equal(since.feed.state, 'failing');
    const expected = `NBA feed unreachable since ${clockTime(since.feed.since, BROWSER_TIME_ZONE)} (access denied, HTTP 403) · scores stand still until it answers.`;
    assert.equal(await textOf(page, 'feed-alert'), expected);
    assert.match((await alert.getAttribute('title')) ?? '', /^403 Forbidden from http:\/\/127\.0\.0\.1:\d+\/.*todaysScoreboard_00\.json: HTML page "Access Denied"/);
    assert.equal(await feedOf(page), 'down');
    assert.equal(await textOf(page, 'connection-status'), 'Connected · no NBA feed');
    assert.equal(await textOf(page, 'no-games'), 'No games known: the NBA feed is not answering.');
    const box = await alert.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE.height && box.width <= PHONE.width, `the alert is on the first screen, unclipped: ${JSON.stringify(box)}`);
    const png = await page.screenshot();
    assert.deepEqual(pngSize(png), { width: PHONE.width * PHONE.deviceScaleFactor, height: PHONE.height * PHONE.deviceScaleFactor });
    // With COURTSIDE_SCREENSHOTS=docs/screenshots the picture is kept, as checked in.
    const keepIn = process.env.COURTSIDE_SCREENSHOTS;
    if (keepIn) {
      mkdirSync(keepIn, { recursive: true });
      writeFileSync(path.join(keepIn, 'dashboard-feed-down-390x844@2x.png'), png);
    }

    // A page opened during the outage learns it from its first snapshot.
    const late = await screens.open(PHONE);
    await late.goto(run!.service.url);
    await eventually('the alert on a page opened during the outage', () => textOf(late, 'feed-alert'), expected);
    await late.close();

    cdn!.answer = { status: 200, body: QUIET };
    await alert.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await feedOf(page), 'ok');
    assert.equal(await textOf(page, 'connection-status'), 'Connected');
    assert.equal(await textOf(page, 'no-games'), 'No games tonight.');
    assert.deepEqual(errors, []);
  });
});
