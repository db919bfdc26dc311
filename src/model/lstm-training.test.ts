import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minuteDiff } from '../domain/minutes.ts';
import type { Example } from './examples.ts';
import { tensorflow } from '../data/tf-backend.ts';
import { trainLstm } from './lstm-training.ts';
import { seededRandom } from './random.ts';

/** Synthetic games whose change d24 − d18 depends on the last minutes and the context. */
function games(n: number, seed: number): Example[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const pattern: number[] = [];
    let d = 0;
    for (let m = 0; m < 18; m++) pattern.push((d += Math.round((random() - 0.5) * 6)));
    const homeMargin = (random() - 0.5) * 10;
    const change = Math.round(0.1 * (minuteDiff(pattern, 18) - minuteDiff(pattern, 15)) + 0.6 * homeMargin + (random() - 0.5) * 4);
    return { season: '2017-18', context: { gameId: String(i), homeTeam: 'BOS', awayTeam: 'NYK', gameDate: '2018-01-01' }, pattern, features: { homeMargin, awayMargin: 0, homeMarginRaw: homeMargin, awayMarginRaw: 0, possession: 0 }, actual: minuteDiff(pattern, 18) + change };
  });
}

test('LSTM training is deterministic for a seed and differs for another', async () => {
  const train = games(600, 1);
  const valid = games(200, 2);
  const options = { units: 4, maxEpochs: 2, batchSize: 64 };
  const tf = await tensorflow();
  const a = await trainLstm(tf, train, valid, { ...options, seed: 7 });
  const b = await trainLstm(tf, train, valid, { ...options, seed: 7 });
  const c = await trainLstm(tf, train, valid, { ...options, seed: 8 });
  assert.ok(Buffer.from(a.artifacts.weightData).equals(Buffer.from(b.artifacts.weightData)));
  assert.deepEqual(a.validationLoss, b.validationLoss);
  assert.ok(!Buffer.from(a.artifacts.weightData).equals(Buffer.from(c.artifacts.weightData)));
  assert.ok(Math.min(...a.validationLoss.slice(1)) < (a.validationLoss[0] as number), `validation loss ${a.validationLoss.join(', ')}`);
});

test('training needs games on both sides', async () => {
  await assert.rejects(trainLstm(await tensorflow(), [], games(10, 3)), { code: 'dataset_empty' });
});
