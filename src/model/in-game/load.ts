import type { GameRecord } from '../dataset.ts';
import type { InGameArtifact } from './artifact.ts';
import type { MinuteFit } from './fit.ts';
import { InGameForecaster } from './forecaster.ts';
import { ratingsOf } from './training.ts';

/**
 * A forecaster from a trained artifact and the finished games it may read ratings from (the data
 * folder, plus any later games being scored): every game's expectation comes from games dated
 * before it.
 */
export function inGameForecaster(artifact: InGameArtifact, history: readonly GameRecord[]): InGameForecaster {
  const r = artifact.ratings;
  const ratings = ratingsOf(history, { k: r.k, carryOver: r.carry_over, marginCap: r.margin_cap, homeAdvantage: r.home_advantage });
  const fits = (minutes: InGameArtifact['final']): MinuteFit[] => minutes.map((m) => ({ minute: m.minute, withPossession: m.with_possession, withoutPossession: m.without_possession }));
  return new InGameForecaster({ modelVersion: artifact.metadata.model_version, fits: { final: fits(artifact.final), halftime: fits(artifact.halftime) }, ratings, aciGamma: artifact.aci_gamma });
}
