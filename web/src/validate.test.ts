import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SERVER_EXAMPLES } from '../../src/protocol/examples.ts';
import type { MlPrediction, ScoreUpdate } from '../../src/protocol/messages.ts';
import { validateMessage } from './validate.ts';

test('every documented example passes', () => {
  for (const example of Object.values(SERVER_EXAMPLES)) assert.equal(validateMessage(example), undefined, example.type);
});

test('what the protocol forbids is refused with what and where', () => {
  const score = SERVER_EXAMPLES.score_update as ScoreUpdate;
  const hostile = { ...score, data: { ...score.data, away_team: '<img src=x onerror=alert(1)>' } };
  assert.equal(validateMessage(hostile), 'score_update: data.away_team: team tricode');
  const tooPrecise = structuredClone(SERVER_EXAMPLES.ml_prediction) as MlPrediction;
  tooPrecise.prediction.point_forecast = 11.34;
  assert.equal(validateMessage(tooPrecise), 'ml_prediction: prediction.point_forecast: a number with at most one decimal');
});
