import { CENTRAL_INTERVALS } from './levels.ts';
import type { MarginScores, WinScores } from './scores.ts';

/** One acceptance bar of issue 19 at one checkpoint minute of one season. */
export interface BarCheck {
  readonly minute: number;
  readonly bar: string;
  readonly measured: string;
  readonly met: boolean;
}

/** Deviations beyond this many binomial standard errors fail a coverage or reliability bar. */
export const STANDARD_ERRORS = 2.5;
/** Reliability deciles with fewer games are shown but not judged. */
export const MIN_DECILE_GAMES = 200;
/** Up to this minute the MAE gain over persistence must be significant (bootstrap CI below 0). */
export const SIGNIFICANT_UNTIL_MINUTE = 36;

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

export function finalMarginBars(s: MarginScores): BarCheck[] {
  const checks: BarCheck[] = CENTRAL_INTERVALS.map((c) => {
    const covered = s.coverage[String(c)] as number;
    const tolerance = STANDARD_ERRORS * Math.sqrt((c * (1 - c)) / s.games);
    return { minute: s.minute, bar: `${pct(c)} interval coverage within ±${pct(tolerance)}`, measured: pct(covered), met: Math.abs(covered - c) <= tolerance };
  });
  const d = s.mae_diff;
  const significant = s.minute <= SIGNIFICANT_UNTIL_MINUTE;
  checks.push({
    minute: s.minute,
    bar: significant ? 'MAE below persistence, bootstrap CI below 0' : 'MAE below persistence',
    measured: `${s.mae.toFixed(3)} vs ${s.persistence_mae.toFixed(3)} (CI ${d.lower.toFixed(3)} .. ${d.upper.toFixed(3)})`,
    met: s.mae < s.persistence_mae && (!significant || d.upper < 0),
  });
  return checks;
}

export function winProbabilityBars(s: WinScores): BarCheck[] {
  const checks: BarCheck[] = [{ minute: s.minute, bar: 'log loss below the Brownian baseline', measured: `${s.log_loss.toFixed(4)} vs ${s.baseline_log_loss.toFixed(4)}`, met: s.log_loss < s.baseline_log_loss }];
  const judged = s.reliability.filter((b) => b.games >= MIN_DECILE_GAMES);
  const off = judged.filter((b) => Math.abs(b.observed - b.mean_forecast) > STANDARD_ERRORS * Math.sqrt((b.mean_forecast * (1 - b.mean_forecast)) / b.games));
  checks.push({
    minute: s.minute,
    bar: `reliability deciles with ≥ ${MIN_DECILE_GAMES} games within ${STANDARD_ERRORS} SE`,
    measured: judged.length === 0 ? `no decile has ${MIN_DECILE_GAMES} games` : off.length === 0 ? `${judged.length} of ${judged.length} deciles` : `off: ${off.map((b) => `${b.from.toFixed(1)}–${b.to.toFixed(1)} ${pct(b.observed)} vs ${pct(b.mean_forecast)} (n ${b.games})`).join('; ')}`,
    met: off.length === 0,
  });
  return checks;
}
