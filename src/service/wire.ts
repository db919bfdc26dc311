/** Translation from game-tracking terms to the wire protocol's. */
import type { GameInfo, ScoreState } from '../game/game-tracker.ts';
import type { HalftimeForecast } from '../model/predictor.ts';
import { oneDecimal, type Prediction, type ScoreUpdateData } from '../protocol/messages.ts';

export function scoreData(info: GameInfo, score: ScoreState): ScoreUpdateData {
  return {
    away_team: info.awayTeam,
    home_team: info.homeTeam,
    away_score: score.awayScore,
    home_score: score.homeScore,
    differential: score.homeScore - score.awayScore,
    period: score.period,
    clock: score.clock,
    status: score.status,
    game_date: info.gameDate,
    start_time: info.startTime,
  };
}

/** The protocol's `prediction` object: one decimal everywhere, `ensemble_forecast` = the point. */
export function predictionOf(forecast: HalftimeForecast): Prediction {
  const components: Record<string, number> = {};
  for (const [name, value] of Object.entries(forecast.components)) components[name] = oneDecimal(value);
  const point = oneDecimal(forecast.point);
  return {
    point_forecast: point,
    interval_lower: Math.min(oneDecimal(forecast.lower), point),
    interval_upper: Math.max(oneDecimal(forecast.upper), point),
    coverage_probability: forecast.coverage,
    components: { ...components, ensemble_forecast: point },
  };
}
