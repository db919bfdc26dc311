import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../data/location.ts';
import { requireDataDir } from '../../test/support/data.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { loadDataDir } from '../data/dataset-files.ts';
import { DejavuIndex } from './dejavu.ts';
import { HalftimeModel } from './halftime-model.ts';
import { modelFromGames } from './index.ts';
import { readModel } from '../data/model-dir.ts';
import type { GameContext } from './predictor.ts';
import { TeamHistory } from './team-form.ts';

const MODEL_DIR = path.join(PROJECT_ROOT, 'models/halftime');

const contextOf = (g: HistoricalGame): GameContext => ({ gameId: g.gameId, homeTeam: g.homeTeam, awayTeam: g.awayTeam, gameDate: g.gameDate });

test('replaying a reference season, Dejavu reads only the games played before the forecast one', (t) => {
  const dir = requireDataDir(t, 'minute_diffs.csv');
  if (!dir) return;
  const artifacts = readModel(MODEL_DIR);
  const games = loadDataDir(dir);
  const model = modelFromGames(artifacts, games);
  // The committed model's references run through 2017-18, so its own games are among them: find
  // the ones where reading every reference (the game itself, later ones) would change the answer.
  const leaky = games.filter((g) => g.season === '2017-18').filter((g) => {
    const pattern = g.d.slice(0, 18);
    const context = contextOf(g);
    return model.forecast(pattern, model.featuresOf(context)).components.dejavu_prediction !== model.predict(pattern, context).components.dejavu_prediction;
  });
  assert.ok(leaky.length > 0, 'some 2017-18 forecasts must depend on the game itself or later ones');
  for (const g of [leaky[0], leaky[Math.floor(leaky.length / 2)], leaky.at(-1)] as HistoricalGame[]) {
    // The same forecast from a model that never held anything but the earlier games.
    const past = modelFromGames(artifacts, games.filter((x) => x.gameDate < g.gameDate));
    const pattern = g.d.slice(0, 18);
    const honest = past.forecast(pattern, past.featuresOf(contextOf(g))).components.dejavu_prediction;
    assert.equal(model.predict(pattern, contextOf(g)).components.dejavu_prediction, honest, g.gameId);
  }
});

test('when every reference precedes the game, the forecast is the unfiltered one (evaluation, live games)', (t) => {
  const dir = requireDataDir(t, 'minute_diffs.csv');
  if (!dir) return;
  const committed = readModel(MODEL_DIR);
  const games = loadDataDir(dir);
  // Evaluation's situation: references end the season before the one scored.
  const artifacts = { ...committed, metadata: { ...committed.metadata, seasons: { ...committed.metadata.seasons, reference: { from: '1996-97', through: '2016-17' } } } };
  const model = modelFromGames(artifacts, games);
  for (const g of games.filter((x) => x.season === '2017-18').slice(0, 300)) {
    const pattern = g.d.slice(0, 18);
    const context = contextOf(g);
    assert.deepEqual(model.predict(pattern, context), model.forecast(pattern, model.featuresOf(context)), g.gameId);
  }
  // A live game after the data, on the committed model.
  const live = modelFromGames(committed, games);
  const context = { gameId: '0022500001', homeTeam: 'OKC', awayTeam: 'HOU', gameDate: '2025-10-21' };
  const pattern = [0, -2, -2, -5, -4, -6, -6, -9, -7, -8, -8, -10, -12, -11, -9, -10, -12, -13];
  assert.deepEqual(live.predict(pattern, context), live.forecast(pattern, live.featuresOf(context)));
});

test('the halftime model refuses reference games without ids and dates', () => {
  const artifacts = readModel(MODEL_DIR);
  const references = new DejavuIndex(Array.from({ length: artifacts.dejavu.params.k }, (_, i) => ({ pattern: new Array<number>(18).fill(i % 7), change: i % 3 })));
  assert.throws(() => new HalftimeModel({ artifacts, references, history: new TeamHistory([]) }), {
    code: 'invalid_option',
    message: 'the halftime model needs reference games with gameId and gameDate, so a forecast never reads its own game or later ones',
  });
});
