import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CapturingLogger } from '../test/support/capturing-logger.ts';
import { requireDataDir } from '../test/support/data.ts';
import { DEFAULT_IN_GAME_MODEL_DIR, chooseInGameModel } from './in-game-choice.ts';
import { loadDataDirs } from './data/data-folders.ts';
import { openStore } from './store/sqlite-store.ts';
import { game } from './store/testing/records.ts';

describe('chooseInGameModel', () => {
  it('turns per-minute forecasts off, saying so, when there is no model', async () => {
    const logger = new CapturingLogger();
    const store = openStore(':memory:');
    const empty = mkdtempSync(path.join(tmpdir(), 'courtside-in-game-'));
    assert.equal(await chooseInGameModel({ dataDir: undefined, inGameModelDir: empty }, store, logger), undefined);
    assert.ok(logger.entries.some((e) => e.level === 'warn' && e.msg === 'no in-game model found; per-minute forecasts (forecast_update) are off' && e.fields.modelDir === empty));
    store.close();
  });

  it('loads the committed model, rating teams from the dataset and from the games the store saw finish', async (t) => {
    const dataDir = requireDataDir(t, 'minute_diffs.csv');
    if (!dataDir) return;
    const store = openStore(':memory:');
    store.upsertGame(game('0022500001', { gameDate: '2025-10-21', status: 'Final', homeScore: 110, awayScore: 99 }));
    store.upsertGame(game('0022500002', { gameDate: '2025-10-21', status: 'In Progress' }));
    const model = await chooseInGameModel({ dataDir }, store, new CapturingLogger());
    assert.ok(model);
    assert.equal(model.ratings.size, loadDataDirs([dataDir]).games.length + 1, 'the dataset and the one finished game');
    assert.match(model.forecaster.modelVersion, /^in-game-/);
    assert.equal(DEFAULT_IN_GAME_MODEL_DIR.endsWith(path.join('models', 'in-game')), true);
    store.close();
  });
});
