import type { Evaluation, EvaluationSummary, GamePrediction } from './evaluation.ts';
import type { Scores } from './metrics.ts';

/** Rows of the summary table: the ensemble, its components, then the baselines. */
export function summaryRows(s: EvaluationSummary): Array<{ name: string; kind: string; weight: number | undefined; scores: Scores }> {
  return [
    { name: 'ensemble', kind: 'ensemble', weight: undefined, scores: s },
    ...Object.entries(s.components).map(([name, scores]) => ({ name, kind: 'component', weight: s.weights[name], scores })),
    ...Object.entries(s.baselines).map(([name, scores]) => ({ name, kind: 'baseline', weight: undefined, scores })),
  ];
}

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
const signedPct = (v: number): string => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(2)}%`;

/** A plain-text table for the terminal. */
export function formatTable(s: EvaluationSummary): string {
  const header = ['forecaster', 'weight', 'games', 'MAE', 'RMSE', 'skill', 'coverage', 'width', 'Winkler'];
  const rows = summaryRows(s).map((r) => [
    r.name,
    r.weight === undefined ? '' : r.weight.toFixed(2),
    String(r.scores.games),
    r.scores.mae.toFixed(3),
    r.scores.rmse.toFixed(3),
    signedPct(r.scores.skill),
    pct(r.scores.coverage),
    r.scores.mean_width.toFixed(2),
    r.scores.winkler.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const d = s.mae_diff_vs_persistence;
  return [
    `model ${s.model_version}, nominal coverage ${pct(s.coverage_target)}`,
    line(header),
    ...rows.map(line),
    '',
    `MAE(ensemble) - MAE(persistence): ${d.estimate.toFixed(3)} (paired bootstrap 95% CI ${d.lower.toFixed(3)} .. ${d.upper.toFixed(3)})`,
    `coverage by |d18|: ${s.coverage_by_d18.map((g) => `${g.group}: ${pct(g.coverage)} of ${g.games}`).join('; ')}`,
  ].join('\n');
}

/** `game_id,d18,actual,point,lower,upper` and one `<component>_prediction` column per component. */
export function predictionsCsv(e: Evaluation): string {
  const names = Object.keys(e.summary.components);
  const header = ['game_id', 'd18', 'actual', 'point', 'lower', 'upper', ...names.map((n) => `${n}_prediction`)];
  const num = (v: number): string => String(Math.round(v * 1000) / 1000);
  const row = (p: GamePrediction): string => [p.gameId, String(p.d18), String(p.actual), num(p.point), num(p.lower), num(p.upper), ...names.map((n) => num(p.components[n] as number))].join(',');
  return `${[header.join(','), ...e.predictions.map(row)].join('\n')}\n`;
}
