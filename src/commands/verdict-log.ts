/**
 * What `serve` writes about the night when its output is JSON (not a terminal): one info line per
 * halftime forecast and per verdict, with the figures, for a log pipeline to count and alert on.
 * On a terminal the night report (`src/terminal/night-report.ts`) prints the same as prose.
 */
import type { Logger } from '../domain/logger.ts';
import type { ServerMessage } from '../protocol/messages.ts';

export function logVerdicts(logger: Logger): (message: ServerMessage) => void {
  return (message) => {
    if (message.type === 'ml_prediction') {
      const p = message.prediction;
      logger.info({
        gameId: message.game_id, seq: message.seq, point: p.point_forecast, lower: p.interval_lower, upper: p.interval_upper,
        coverage: p.coverage_probability, approximate: message.approximate, late: message.late ?? false, modelVersion: message.model_version,
      }, 'halftime forecast');
    } else if (message.type === 'halftime_result') {
      logger.info({
        gameId: message.game_id, seq: message.seq, actual: message.actual, point: message.forecast?.point_forecast ?? null,
        error: message.error, covered: message.covered, approximate: message.approximate, revised: message.revised ?? false,
      }, 'halftime graded');
    }
  };
}
