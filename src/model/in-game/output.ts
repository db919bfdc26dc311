import type { BarCheck } from './acceptance.ts';
import { finalMarginBars, winProbabilityBars } from './acceptance.ts';
import type { BrownianBaseline } from './brownian.ts';
import type { GameRun } from './evaluation.ts';
import { LEVEL_NAMES } from './levels.ts';
import type { MarginScores, WinScores } from './scores.ts';
import { CHECKPOINT_MINUTES, marginScores, winScores } from './scores.ts';
import type { Target } from './targets.ts';
import { LAST_FORECAST_MINUTE } from './targets.ts';

/** What `evaluate --target` judges: a margin's distribution, or the win probability. */
export type EvaluationTarget = Target | 'win';
export const EVALUATION_TARGETS = ['final', 'halftime', 'win'] as const satisfies readonly EvaluationTarget[];

/** What `--json` writes. */
export interface InGameSummary {
  readonly model_version: string;
  readonly target: EvaluationTarget;
  readonly games: number;
  readonly checkpoints: readonly (MarginScores | WinScores)[];
  /** The acceptance bars at each checkpoint (final margin and win probability only). */
  readonly bars: readonly BarCheck[];
}

/** The checkpoint minutes at which a target is still forecast. */
export function checkpointsOf(target: EvaluationTarget): number[] {
  const last = LAST_FORECAST_MINUTE[target === 'win' ? 'final' : target];
  return CHECKPOINT_MINUTES.filter((m) => m <= last);
}

export function summarizeRuns(runs: readonly GameRun[], target: EvaluationTarget, baseline: BrownianBaseline, modelVersion: string): InGameSummary {
  const minutes = checkpointsOf(target);
  if (target === 'win') {
    const checkpoints = minutes.map((m) => winScores(runs, m, baseline));
    return { model_version: modelVersion, target, games: runs.length, checkpoints, bars: checkpoints.flatMap(winProbabilityBars) };
  }
  const checkpoints = minutes.map((m) => marginScores(runs, target, m, baseline));
  return { model_version: modelVersion, target, games: runs.length, checkpoints, bars: target === 'final' ? checkpoints.flatMap(finalMarginBars) : [] };
}

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** A plain-text table for the terminal. */
export function formatInGameTable(s: InGameSummary): string {
  const isWin = s.target === 'win';
  const header = isWin
    ? ['minute', 'games', 'log loss', 'Brownian', 'Brier', 'Brownian']
    : ['minute', 'games', 'MAE', 'persistence', 'CI of diff', 'CRPS', '50%', '80%', '95%'];
  const rows = s.checkpoints.map((c) =>
    'log_loss' in c
      ? [String(c.minute), String(c.games), c.log_loss.toFixed(4), c.baseline_log_loss.toFixed(4), c.brier.toFixed(4), c.baseline_brier.toFixed(4)]
      : [String(c.minute), String(c.games), c.mae.toFixed(3), c.persistence_mae.toFixed(3), `${c.mae_diff.lower.toFixed(3)} .. ${c.mae_diff.upper.toFixed(3)}`, c.crps.toFixed(3), ...['0.5', '0.8', '0.95'].map((k) => pct(c.coverage[k] as number))],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i] as number)).join('  ');
  const missed = s.bars.filter((b) => !b.met);
  const verdict = s.bars.length === 0 ? [] : ['', missed.length === 0 ? `every bar met (${s.bars.length})` : `missed ${missed.length} of ${s.bars.length} bars:`, ...missed.map((b) => `  minute ${b.minute}: ${b.bar}: ${b.measured}`)];
  return [`model ${s.model_version}, target ${s.target}, ${s.games} games`, line(header), ...rows.map(line), ...verdict].join('\n');
}

/**
 * `game_id,minute,point,q025,…,q975,home_win_probability`: one row per game and minute, the final
 * margin at minutes 1–47 (`final`, `win`) or the halftime margin at minutes 1–23 (`halftime`).
 */
export function inGamePredictionsCsv(runs: readonly GameRun[], target: EvaluationTarget): string {
  const margin: Target = target === 'halftime' ? 'halftime' : 'final';
  const num = (v: number): string => String(Math.round(v * 1000) / 1000);
  const lines = [['game_id', 'minute', 'point', ...LEVEL_NAMES, 'home_win_probability'].join(',')];
  for (const run of runs) {
    for (const f of run.forecasts.slice(0, LAST_FORECAST_MINUTE[margin])) {
      const d = margin === 'final' ? f.final : f.halftime;
      if (!d) continue;
      lines.push([run.game.gameId, String(f.minute), num(d.point), ...d.quantiles.map(num), String(Math.round(f.homeWinProbability * 1e6) / 1e6)].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
