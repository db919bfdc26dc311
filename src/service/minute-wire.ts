/** Translation of the in-game model's forecasts to the protocol's `forecast_update` terms. */
import type { Distribution, InGameForecast } from '../model/in-game/forecaster.ts';
import type { Possession } from '../model/possession.ts';
import { oneDecimal, QUANTILE_KEYS, type MarginDistribution, type MinuteForecast, type QuantileKey } from '../protocol/messages.ts';

/** Win probabilities carry three decimals, never 0 or 1 before the end. */
const WIN_DECIMALS = 1000;

export function marginDistributionOf(d: Distribution): MarginDistribution {
  if (d.quantiles.length !== QUANTILE_KEYS.length) throw new RangeError(`a distribution needs ${QUANTILE_KEYS.length} quantiles, got ${d.quantiles.length}`);
  // Rounding never reorders: monotone quantiles stay monotone.
  const quantiles = Object.fromEntries(QUANTILE_KEYS.map((k, i) => [k, oneDecimal(d.quantiles[i] as number)])) as Record<QuantileKey, number>;
  return { point: oneDecimal(d.point), quantiles };
}

/** The model's view of a published distribution: its quantiles in level order. */
export function distributionOf(d: MarginDistribution): Distribution {
  return { point: d.point, quantiles: QUANTILE_KEYS.map((k) => d.quantiles[k]) };
}

export function minuteForecastOf(f: InGameForecast, margin: number, possession: Possession, approximate: boolean, madeAt: string): MinuteForecast {
  const p = Math.round(f.homeWinProbability * WIN_DECIMALS) / WIN_DECIMALS;
  return {
    minute: f.minute,
    margin,
    possession: possession === 1 ? 'home' : possession === -1 ? 'away' : null,
    final_margin: marginDistributionOf(f.final),
    halftime_margin: f.halftime ? marginDistributionOf(f.halftime) : null,
    home_win_probability: Math.min(1 - 1 / WIN_DECIMALS, Math.max(1 / WIN_DECIMALS, p)),
    model_version: f.modelVersion,
    approximate,
    made_at: madeAt,
  };
}
