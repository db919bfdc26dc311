/**
 * Issue 16, finding 1 and its acceptance: the disk is full for 90 s (wall clock) in the middle of
 * a replayed night. 2017-10-20 (eight games) at speed 80 puts night minutes 50..170 in the outage,
 * so the games pass 18:00 and halftime while nothing can be written. The service must stream on,
 * say `/health` degraded with the cause while it lasts, and give every game exactly one forecast
 * (from the exact d1..d18) and one halftime result (the exact d24), stored with the seq each went
 * out with once there is room again. The database lives on a 64 MB tmpfs filled to the last page;
 * where no tmpfs can be mounted, the real store fails its writes on demand instead. About 2.5
 * minutes: the 90 s are the point.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ControlledStore } from '../../src/store/testing/controlled-store.ts';
import { findDataDir } from '../support/data.ts';
import { FullDisk } from '../support/full-disk.ts';
import { assertDegradedWhileItLasted, assertOncePerGame, assertStored, assertStreamedOn, runStoreOutage, spannedByOutage, type OutageRun, type StoreFault } from '../support/store-outage.ts';

const NIGHT = '2017-10-20';
const SPEED = 80;

/** The tmpfs, or (where none can be mounted) the real store failing on demand in a temporary folder. */
function fullDiskFault(): StoreFault & { close(): void } {
  const disk = FullDisk.open(64);
  if (disk instanceof FullDisk) {
    return { db: path.join(disk.dir, 'courtside.db'), fail: () => disk.fill(), heal: () => disk.free(), close: () => disk.unmount() };
  }
  console.log(`# ${disk.reason}: the store's writes fail on demand instead`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-full-disk-'));
  const db = path.join(dir, 'courtside.db');
  let store: ControlledStore | undefined;
  return {
    db,
    openStore: (file) => (store = new ControlledStore(file)),
    fail: () => store?.full(),
    heal: () => store?.heal(),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe(`the disk full for 90 s in the middle of a night (${NIGHT}, speed ${SPEED})`, { timeout: 300_000 }, () => {
  const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
  let fault: ReturnType<typeof fullDiskFault> | undefined;
  let run: OutageRun | undefined;

  before(async () => {
    if (!data.dir) return;
    fault = fullDiskFault();
    run = await runStoreOutage({ dataDir: data.dir, date: NIGHT, speed: SPEED, fromMinute: 50, outageMs: 90_000, fault });
  });

  after(async () => {
    await run?.close();
    fault?.close();
  });

  it('spans several games’ 18:00 and halftime', (t) => {
    if (!run) return t.skip(data.reason);
    const spanned = spannedByOutage(run);
    t.diagnostic(`outage: night minutes ${spanned.minutes}, ${spanned.eighteens} games past 18:00 and ${spanned.halftimes} at halftime during it`);
    assert.ok(spanned.eighteens >= 3 && spanned.halftimes >= 3, JSON.stringify(spanned));
  });

  it('streams on from memory while the disk is full, under a new epoch announced first', (t) => {
    if (!run) return t.skip(data.reason);
    assertStreamedOn(run);
  });

  it('says degraded on /health and /metrics, with the cause and since when, while it lasts, and ok after', (t) => {
    if (!run) return t.skip(data.reason);
    assertDegradedWhileItLasted(run, 'full', /database or disk is full/);
  });

  it('gives every game exactly one forecast and one halftime result, exact, owed ones sent once the disk had room', (t) => {
    if (!run) return t.skip(data.reason);
    assertOncePerGame(run);
  });

  it('stores every forecast and grade with the seq it went out with, and the log under the new epoch', (t) => {
    if (!run || !fault) return t.skip(data.reason);
    assertStored(run, fault.db);
  });
});
