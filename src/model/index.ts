import { HALFTIME_MINUTE, minuteDiff, TRIGGER_MINUTE } from '../domain/minutes.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { DejavuIndex } from './dejavu.ts';
import { HalftimeModel } from './halftime-model.ts';
import type { HalftimeArtifacts } from './model-files.ts';
import { TeamHistory } from './team-form.ts';

export type { GameContext, HalftimeForecast, HalftimeOutcome, Predictor } from './predictor.ts';
export { createBaselinePredictor } from './baseline.ts';
export { HalftimeModel } from './halftime-model.ts';

export function modelFromGames(artifacts: HalftimeArtifacts, games: readonly HistoricalGame[], options: { coverage?: number; extraGames?: readonly HistoricalGame[] } = {}): HalftimeModel {
  const { from, through } = artifacts.metadata.seasons.reference;
  const extra = options.extraGames ?? [];
  // A game being scored must never find itself among the references.
  const scored = new Set(extra.map((g) => g.gameId));
  const referenceGames = games.filter((g) => g.season >= from && g.season <= through && !scored.has(g.gameId));
  const history = new TeamHistory([...games.filter((g) => !scored.has(g.gameId)), ...extra]);
  // Ids and dates let each forecast skip its own game and later ones: replaying a night of the
  // reference seasons must not read that night's halftimes.
  const references = new DejavuIndex(referenceGames.map((g) => ({ pattern: g.d, change: minuteDiff(g.d, HALFTIME_MINUTE) - minuteDiff(g.d, TRIGGER_MINUTE), gameId: g.gameId, gameDate: g.gameDate })));
  return new HalftimeModel({ artifacts, references, history, ...(options.coverage === undefined ? {} : { coverage: options.coverage }) });
}

export type { InGameForecast, InGameInput, Distribution } from './in-game/forecaster.ts';
export { InGameForecaster } from './in-game/forecaster.ts';
export { LiveRatings } from './in-game/live-ratings.ts';
