/**
 * A hand-made night covering every state a card can be in: final (forecast covered), halftime
 * (forecast missed), live past 18:00 (forecast out), live early on an approximate pattern, and
 * scheduled. Patterns are d1..dk, home minus away.
 */
import { HALFTIME_MINUTE, minuteDiff, TRIGGER_MINUTE } from '../../../src/domain/minutes.ts';
import type { GameSnapshot, Prediction, ScoreUpdateData } from '../../../src/protocol/messages.ts';

export const FINAL = '0021700001';
export const HALF = '0021700002';
export const LIVE = '0021700003';
export const EARLY = '0021700004';
export const LATER = '0021700005';

const DATE = '2017-10-17';

export function data(partial: Partial<ScoreUpdateData> & Pick<ScoreUpdateData, 'away_team' | 'home_team'>): ScoreUpdateData {
  const away = partial.away_score ?? 0;
  const home = partial.home_score ?? 0;
  return {
    away_score: away,
    home_score: home,
    differential: home - away,
    period: 0,
    clock: '',
    status: 'Scheduled',
    game_date: DATE,
    start_time: '2017-10-17T23:00:00Z',
    ...partial,
  };
}

/** A wandering but deterministic lead: steps of -3..+3 from a small LCG. */
export function pattern(length: number, seed: number): number[] {
  const out: number[] = [];
  let lead = 0;
  let state = seed;
  for (let k = 1; k <= length; k++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    lead += (state % 7) - 3;
    out.push(lead);
  }
  return out;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

export function prediction(point: number, lower: number, upper: number): Prediction {
  return {
    point_forecast: point,
    interval_lower: lower,
    interval_upper: upper,
    coverage_probability: 0.95,
    components: { dejavu_prediction: r1(point - 0.5), lstm_prediction: r1(point + 0.4), ensemble_forecast: point },
  };
}

export const MODEL = 'baseline-2017-18';

export function forecastBody(p: number[], pred: Prediction) {
  return { target: 'halftime_differential' as const, prediction: pred, pattern: p.slice(0, 18), model_version: MODEL, approximate: false, period: 2, clock: '05:59' };
}

const now = () => new Date().toISOString();

export function initialGames(): GameSnapshot[] {
  const finalPattern = pattern(48, 1);
  const halfPattern = pattern(24, 2);
  const livePattern = pattern(18, 3);
  const d24Final = minuteDiff(finalPattern, HALFTIME_MINUTE);
  const d24Half = minuteDiff(halfPattern, HALFTIME_MINUTE);
  // Built around the actual d24 so that one verdict is covered (error +1.6) and one missed (+12.2).
  const finalPred = prediction(r1(d24Final - 1.6), r1(d24Final - 12.1), r1(d24Final + 8.9));
  const halfPred = prediction(r1(d24Half - 12.2), r1(d24Half - 23), r1(d24Half - 1.4));
  const d18Live = minuteDiff(livePattern, TRIGGER_MINUTE);
  const livePred = prediction(r1(d18Live + 1.3), r1(d18Live - 9.5), r1(d18Live + 12.1));
  return [
    {
      game_id: FINAL,
      data: data({ away_team: 'BOS', home_team: 'CLE', away_score: 99, home_score: 102, period: 4, status: 'Final' }),
      pattern: finalPattern,
      approximate: false,
      prediction: forecastBody(finalPattern, finalPred),
      halftime: { actual: d24Final, forecast: finalPred, model_version: MODEL, error: 1.6, covered: true, approximate: false },
      updated_at: now(),
    },
    {
      game_id: HALF,
      data: data({ away_team: 'HOU', home_team: 'GSW', away_score: 58, home_score: 58 + d24Half, period: 2, status: 'Halftime', start_time: '2017-10-18T02:30:00Z' }),
      pattern: halfPattern,
      approximate: false,
      prediction: forecastBody(halfPattern, halfPred),
      halftime: { actual: d24Half, forecast: halfPred, model_version: MODEL, error: 12.2, covered: false, approximate: false },
      updated_at: now(),
    },
    {
      game_id: LIVE,
      data: data({ away_team: 'MIL', home_team: 'BOS', away_score: 40, home_score: 40 + d18Live, period: 2, clock: '05:32', status: 'In Progress', start_time: '2017-10-18T00:00:00Z' }),
      pattern: livePattern,
      approximate: false,
      prediction: forecastBody(livePattern, livePred),
      halftime: null,
      updated_at: now(),
    },
    {
      game_id: EARLY,
      data: data({ away_team: 'ATL', home_team: 'DAL', away_score: 17, home_score: 21, period: 1, clock: '03:10', status: 'In Progress', start_time: '2017-10-18T00:30:00Z' }),
      pattern: pattern(8, 4),
      approximate: true,
      prediction: null,
      halftime: null,
      updated_at: now(),
    },
    {
      game_id: LATER,
      data: data({ away_team: 'SAC', home_team: 'POR', period: 0, status: 'Scheduled', start_time: '2017-10-18T02:00:00Z' }),
      pattern: [],
      approximate: false,
      prediction: null,
      halftime: null,
      updated_at: now(),
    },
  ];
}
