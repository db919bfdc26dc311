/**
 * Issue 16, finding 1 with a read-only database: the service's own connection to its database
 * turns read-only (SQLite's `query_only`, so every write gets SQLite's SQLITE_READONLY) for 20 s
 * of a replayed night, 2017-10-20 at speed 400, night minutes 50..183: the games pass 18:00 and
 * halftime meanwhile. It must stream on, say why it is degraded, and send every forecast and grade
 * exactly once, stored with its seq, once the database takes writes again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ControlledStore } from '../../src/store/testing/controlled-store.ts';
import { findDataDir } from '../support/data.ts';
import { assertDegradedWhileItLasted, assertOncePerGame, assertStored, assertStreamedOn, runStoreOutage, spannedByOutage, type OutageRun } from '../support/store-outage.ts';

const NIGHT = '2017-10-20';

describe(`a read-only database for 20 s of a night (${NIGHT}, speed 400)`, { timeout: 180_000 }, () => {
  const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
  let run: OutageRun | undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-read-only-'));
  const db = path.join(dir, 'courtside.db');

  before(async () => {
    if (!data.dir) return;
    let store: ControlledStore | undefined;
    run = await runStoreOutage({
      dataDir: data.dir, date: NIGHT, speed: 400, fromMinute: 50, outageMs: 20_000,
      fault: { db, openStore: (file) => (store = new ControlledStore(file)), fail: () => store?.readOnly(), heal: () => store?.heal() },
    });
  });

  after(async () => {
    await run?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('spans several games’ 18:00 and halftime', (t) => {
    if (!run) return t.skip(data.reason);
    const spanned = spannedByOutage(run);
    t.diagnostic(`read-only: night minutes ${spanned.minutes}, ${spanned.eighteens} games past 18:00 and ${spanned.halftimes} at halftime meanwhile`);
    assert.ok(spanned.eighteens >= 3 && spanned.halftimes >= 3, JSON.stringify(spanned));
  });

  it('streams on, degraded with the cause on /health and /metrics while it lasts', (t) => {
    if (!run) return t.skip(data.reason);
    assertStreamedOn(run);
    assertDegradedWhileItLasted(run, 'read_only', /database file is read-only/);
  });

  it('sends and stores every forecast and grade exactly once', (t) => {
    if (!run) return t.skip(data.reason);
    assertOncePerGame(run);
    assertStored(run, db);
  });
});
