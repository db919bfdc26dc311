import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_EXAMPLES, SERVER_EXAMPLES } from './examples.ts';
import { ClientMessage, ForecastUpdate, MlPrediction, oneDecimal, QUANTILE_KEYS, ServerMessage } from './messages.ts';

describe('protocol', () => {
  it('accepts every documented example', () => {
    for (const example of Object.values(SERVER_EXAMPLES)) ServerMessage.parse(example);
    for (const example of Object.values(CLIENT_EXAMPLES)) ClientMessage.parse(example);
  });
  it('keeps the reference field names and nesting of ml_prediction', () => {
    const m = MlPrediction.parse(SERVER_EXAMPLES.ml_prediction);
    assert.deepEqual(Object.keys(m.prediction).sort(), ['components', 'coverage_probability', 'interval_lower', 'interval_upper', 'point_forecast']);
    assert.equal(m.prediction.components.ensemble_forecast, m.prediction.point_forecast);
  });
  it('rejects numbers with more than one decimal and patterns of the wrong length', () => {
    const bad = structuredClone(SERVER_EXAMPLES.ml_prediction) as { prediction: { point_forecast: number }; pattern: number[] };
    bad.prediction.point_forecast = 11.34;
    assert.equal(ServerMessage.safeParse(bad).success, false);
    const short = { ...SERVER_EXAMPLES.ml_prediction, pattern: [1, 2, 3] };
    assert.equal(ServerMessage.safeParse(short).success, false);
  });
  it('carries every published quantile of a forecast_update, never decreasing', () => {
    const m = ForecastUpdate.parse(SERVER_EXAMPLES.forecast_update);
    assert.deepEqual(Object.keys(m.final_margin.quantiles), [...QUANTILE_KEYS]);
    const crossed = structuredClone(SERVER_EXAMPLES.forecast_update) as { final_margin: { quantiles: Record<string, number> } };
    crossed.final_margin.quantiles.q60 = -30;
    assert.match(ServerMessage.safeParse(crossed).error?.message ?? '', /quantiles must not decrease/);
    const missing = structuredClone(SERVER_EXAMPLES.forecast_update) as { final_margin: { quantiles: Record<string, number> } };
    delete missing.final_margin.quantiles.q975;
    assert.equal(ServerMessage.safeParse(missing).success, false);
    assert.equal(ServerMessage.safeParse({ ...SERVER_EXAMPLES.forecast_update, home_win_probability: 1 }).success, false, 'never certain before the end');
  });
  it('carries the feed status in snapshots, and still takes snapshots without it (older servers)', () => {
    const { feed_status: feed, ...older } = SERVER_EXAMPLES.snapshot as Extract<ServerMessage, { type: 'snapshot' }>;
    assert.equal(feed?.state, 'failing');
    assert.equal(ServerMessage.safeParse(older).success, true);
    assert.equal(ServerMessage.safeParse({ ...older, feed_status: { ...feed, state: 'down' } }).success, false);
    const recovered = { ...SERVER_EXAMPLES.feed_status, state: 'ok', last_error: null };
    assert.equal(ServerMessage.safeParse(recovered).success, true);
  });
  it('rounds to one decimal without negative zero', () => {
    assert.equal(oneDecimal(11.349), 11.3);
    assert.equal(oneDecimal(-0.04), 0);
    assert.ok(!Object.is(oneDecimal(-0.04), -0));
  });
});

describe('docs/protocol.md', () => {
  it('is what the schemas generate (run `npm run docs:protocol` after changing them)', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { PROJECT_ROOT } = await import('../data/location.ts');
    const { renderProtocolDoc } = await import('./doc.ts');
    assert.equal(readFileSync(path.join(PROJECT_ROOT, 'docs/protocol.md'), 'utf8'), renderProtocolDoc());
  });
});
