/**
 * The whole-game forecaster's part of docs/model-report.md: by rolling season, at the checkpoint
 * minutes, the final margin, the halftime margin and the win probability, with the acceptance
 * bars of issue 19 checked on the spot. Used by scripts/model-report.ts.
 */
import { previousSeason } from '../src/model/dataset.ts';
import type { BarCheck } from '../src/model/in-game/acceptance.ts';
import { finalMarginBars, MIN_DECILE_GAMES, STANDARD_ERRORS, winProbabilityBars } from '../src/model/in-game/acceptance.ts';
import type { GameRun } from '../src/model/in-game/evaluation.ts';
import { summarizeRuns } from '../src/model/in-game/output.ts';
import type { InGameSeasonRun } from '../src/model/in-game/rolling.ts';
import type { MarginScores, WinScores } from '../src/model/in-game/scores.ts';

const f3 = (v: number): string => v.toFixed(3);
const f4 = (v: number): string => v.toFixed(4);
const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
const mark = (ok: boolean): string => (ok ? 'yes' : '**NO**');

interface Scored {
  readonly final: MarginScores[];
  readonly halftime: MarginScores[];
  readonly win: WinScores[];
}

function scored(r: InGameSeasonRun, runs: readonly GameRun[]): Scored {
  const version = r.artifact.metadata.model_version;
  return {
    final: summarizeRuns(runs, 'final', r.baseline, version).checkpoints as MarginScores[],
    halftime: summarizeRuns(runs, 'halftime', r.baseline, version).checkpoints as MarginScores[],
    win: summarizeRuns(runs, 'win', r.baseline, version).checkpoints as WinScores[],
  };
}

/** Every bar at every checkpoint of one season: final-margin coverage and MAE, then win probability. */
export function seasonBars(s: Scored): BarCheck[][] {
  return s.final.map((f, i) => [...finalMarginBars(f), ...winProbabilityBars(s.win[i] as WinScores)]);
}

function acceptanceRows(season: string, label: string, s: Scored): string[] {
  return seasonBars(s).map((bars) => {
    const [c50, c80, c95, mae, ll, rel] = bars as [BarCheck, BarCheck, BarCheck, BarCheck, BarCheck, BarCheck];
    const cell = (b: BarCheck): string => `${b.measured} ${b.met ? '✓' : '✗'}`;
    return `| ${season} | ${label} | ${bars[0]?.minute} | ${cell(c50)} | ${cell(c80)} | ${cell(c95)} | ${cell(mae)} | ${cell(ll)} | ${rel.met ? `${rel.measured} ✓` : `${rel.measured} ✗`} | ${mark(bars.every((b) => b.met))} |`;
  });
}

function marginTable(rows: readonly MarginScores[], withBaseline: boolean): string[] {
  return [
    `| minute | games | MAE | persistence MAE | 95% CI of MAE diff | CRPS | ${withBaseline ? 'Brownian CRPS | ' : ''}50% cov. | 80% cov. | 95% cov. |`,
    `| ---: | ---: | ---: | ---: | --- | ---: | ${withBaseline ? '---: | ' : ''}---: | ---: | ---: |`,
    ...rows.map((c) => `| ${c.minute} | ${c.games} | ${f3(c.mae)} | ${f3(c.persistence_mae)} | ${f3(c.mae_diff.lower)} .. ${f3(c.mae_diff.upper)} | ${f3(c.crps)} | ${withBaseline ? `${f3(c.baseline_crps ?? Number.NaN)} | ` : ''}${pct(c.coverage['0.5'] as number)} | ${pct(c.coverage['0.8'] as number)} | ${pct(c.coverage['0.95'] as number)} |`),
  ];
}

function pitTable(rows: readonly MarginScores[]): string[] {
  return [
    `| minute | ${Array.from({ length: 10 }, (_, i) => `${i * 10}–${i * 10 + 10}%`).join(' | ')} |`,
    `| ---: |${' ---: |'.repeat(10)}`,
    ...rows.map((c) => `| ${c.minute} | ${c.pit.map((v) => (100 * v).toFixed(1)).join(' | ')} |`),
  ];
}

function winTable(rows: readonly WinScores[]): string[] {
  return [
    '| minute | games | log loss | Brownian log loss | Brier | Brownian Brier |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((w) => `| ${w.minute} | ${w.games} | ${f4(w.log_loss)} | ${f4(w.baseline_log_loss)} | ${f4(w.brier)} | ${f4(w.baseline_brier)} |`),
  ];
}

/** Deciles as rows, checkpoints as columns: observed win rate / mean forecast (games). */
function reliabilityTable(rows: readonly WinScores[]): string[] {
  return [
    `| forecast | ${rows.map((w) => `minute ${w.minute}`).join(' | ')} |`,
    `| --- |${' --- |'.repeat(rows.length)}`,
    ...Array.from({ length: 10 }, (_, d) => {
      const cells = rows.map((w) => {
        const b = w.reliability[d];
        return b && b.games > 0 ? `${pct(b.observed)} / ${pct(b.mean_forecast)} (${b.games})` : '';
      });
      return `| ${(d / 10).toFixed(1)}–${((d + 1) / 10).toFixed(1)} | ${cells.join(' | ')} |`;
    }),
  ];
}

/** How many deciles below the bar's size but with ≥ 50 games are within 2.5 SE of their mean forecast. */
function smallDeciles(rows: readonly WinScores[]): string {
  const bins = rows.flatMap((w) => w.reliability.filter((b) => b.games >= 50 && b.games < MIN_DECILE_GAMES));
  const within = bins.filter((b) => Math.abs(b.observed - b.mean_forecast) <= STANDARD_ERRORS * Math.sqrt((b.mean_forecast * (1 - b.mean_forecast)) / b.games));
  return `${within.length} of ${bins.length} are`;
}

export interface InGameReport {
  /** Whether every bar is met on every season, with and without possession. */
  readonly allMet: boolean;
  readonly summary: string;
  readonly sections: string;
}

export function inGameReport(results: readonly { run: InGameSeasonRun; seconds: number }[]): InGameReport {
  const all = results.map(({ run, seconds }) => ({ run, seconds, withPossession: scored(run, run.runs), bare: scored(run, run.runsWithoutPossession) }));
  const allMet = all.every((r) => [...seasonBars(r.withPossession), ...seasonBars(r.bare)].flat().every((b) => b.met));
  const summary = [
    `Acceptance of issue 19 at each checkpoint (coverage of the final margin's central intervals within 2.5 binomial standard errors of nominal; final-margin MAE below persistence, with the paired bootstrap CI of the difference below 0 up to minute 36; win-probability log loss below the Brownian baseline; every reliability decile with ≥ 200 games within 2.5 standard errors of its mean forecast). "with possession" is the model as the live feed will drive it; "games file" is the same model scored from \`minute_diffs.csv\` alone, as the later season it is also judged on will be. **${allMet ? 'Every bar is met at every checkpoint of every season, both ways.' : 'At least one bar is missed: see the ✗ below.'}**`,
    '',
    '| season | scored | minute | 50% coverage | 80% coverage | 95% coverage | MAE vs persistence (CI of diff) | log loss vs Brownian | reliability | all met |',
    '| --- | --- | ---: | --- | --- | --- | --- | --- | --- | --- |',
    ...all.flatMap((r) => [...acceptanceRows(r.run.season, 'with possession', r.withPossession), ...acceptanceRows(r.run.season, 'games file', r.bare)]),
  ].join('\n');
  const sections = all.map(({ run, seconds, withPossession, bare }) => {
    const a = run.artifact;
    return [
      `### ${run.season}`,
      '',
      `Trained on ${a.metadata.seasons.train[0]}..${a.metadata.seasons.train.at(-1)} (possession from ${a.metadata.seasons.possession.filter((s) => a.metadata.seasons.train.includes(s)).join(', ') || 'no season'}), calibrated on ${a.metadata.seasons.calibration}, tested on the ${run.runs.length} games of ${run.season} night by night; ${seconds.toFixed(0)} s to train and score. Ratings: k = ${a.ratings.k}, carry-over ${a.ratings.carry_over}, home advantage ${a.ratings.home_advantage.toFixed(2)}; Brownian σ = ${a.brownian_sigma.toFixed(2)} points per game.`,
      '',
      'Final margin, with possession:',
      '',
      ...marginTable(withPossession.final, true),
      '',
      'Final margin from the games file alone (no possession):',
      '',
      ...marginTable(bare.final, true),
      '',
      'Halftime margin, with possession (games file alone in brackets: MAE):',
      '',
      ...marginTable(withPossession.halftime, false).map((line, i) => (i < 2 ? line : line.replace(/^\| (\d+) \| (\d+) \| ([\d.]+) \|/, (_, m: string, n: string, mae: string) => `| ${m} | ${n} | ${mae} (${f3(bare.halftime.find((c) => c.minute === Number(m))?.mae ?? Number.NaN)}) |`))),
      '',
      `Home win probability, with possession (games file alone: log loss ${bare.win.map((w) => `${w.minute}: ${f4(w.log_loss)}`).join(', ')}):`,
      '',
      ...winTable(withPossession.win),
      '',
      `Reliability by decile of the forecast, with possession: observed home win rate / mean forecast (games). The bar judges deciles with ≥ ${MIN_DECILE_GAMES} games only; of the smaller ones with ≥ 50 games, ${smallDeciles(withPossession.win)} within 2.5 standard errors (not a bar; about 1% would miss by chance).`,
      '',
      ...reliabilityTable(withPossession.win),
      '',
      'PIT histogram of the final margin, with possession: share of games (%) in each tenth of the predictive distribution (10 each when calibrated):',
      '',
      ...pitTable(withPossession.final),
    ].join('\n');
  });
  return { allMet, summary, sections: sections.join('\n\n') };
}

export const IN_GAME_METHOD = (testSeasons: readonly string[]): string =>
  [
    `- **Evaluation** is rolling by season (${testSeasons.join(', ')}): for test season S, team-rating parameters, the per-minute models and the Brownian baseline learn from every season up to S−2 (${previousSeason(testSeasons[0] ?? '2015-16', 2)} and before for the first), S−1 calibrates the quantiles, and S is scored night by night: every forecast of a night (all 47 minutes of every game) is made before any of that night's results is fed back to the online adaptation.`,
    '- **Ratings**: an Elo on points. A game is expected to end home advantage + home rating − away rating; afterwards both ratings move by k times the surprise (margins clipped to ±30); a new season keeps a share of each rating. Relocated franchises are one team (VAN→MEM, CHH/NOH/NOK→NOP, SEA→OKC, NJN→BKN). k and the carry-over minimise the squared error of the expectations on the training seasons; home advantage is the mean home margin of the last five of them. A game only sees games dated before it.',
    '- **Possession** at the end of each minute follows from the play-by-play rows (made shot → opponent, rebound → rebounder\'s team, turnover → opponent, last free throw made → opponent, non-technical foul → fouled team, jump ball → the team of the player it was tipped to); at the end of the first three quarters it is the team that starts the next one (the loser of the opening tip starts the second and third). It is known for 2012-13 on; older games count as unknown.',
    '- **Model**, per minute m = 1..47 (and per minute 1..23 for the halftime margin): least squares of the change still to come (target − margin) on the margin, the pre-game expectation and, in the possession variant, possession (+1/−1). The residuals of the calibration season, divided by the training residual scale and pooled over minutes m−2..m+2, give split-conformal quantiles at every level; each published quantile (2.5%, 5%, 10%, …, 95%, 97.5%) reads them at a level adapted online (adaptive conformal inference, γ = 0.005, per minute and level), and the quantiles are sorted so they never cross. The point forecast is the least-squares centre; the home win probability is the predictive probability that the final margin is above 0 — overtime included, since the calibration residuals are of the final margin after overtime — kept within [0.001, 0.999]. Without possession the model uses the variant fitted and calibrated without that column. Overtime minutes read as the end of regulation with as much time left.',
    '- **Baselines**: persistence (the final or halftime margin equals the current one) for MAE, with the paired bootstrap (2,000 resamples of games) of the difference; for win probability the Brownian motion of Stern (1994): with a share t of regulation left, the final margin is N(margin + μt, σ²t) with μ the pre-game expectation and σ fitted by maximum likelihood on the training seasons\' minutes; its quantiles at the same levels give its CRPS.',
    '- **Scores**: MAE; CRPS as twice the quantile score integrated over levels (trapezoid over the published levels, flat tails), which for a point forecast is its absolute error; coverage of the central 50%, 80% and 95% intervals (q25..q75, q10..q90, q2.5..q97.5); the PIT histogram over the published deciles; log loss and Brier score of the win probability with a reliability table by decile of the forecast.',
    '- **Choices made before the test seasons were scored**: the calibration pool (±2 minutes), the adaptation step (the halftime model\'s γ) and the win-probability floor were fixed beforehand and checked on 2013-14 and 2014-15 used as test seasons (every bar met); the point forecast (the centre rather than the predictive median) was chosen on 2012-13..2014-15, where the median had no lower MAE. In full disclosure, an early exploration printed MAE, static (non-adaptive) coverage and log loss against the Brownian baseline on the three test seasons for this same regression, before the calibration pooling and the online adaptation were written; the adaptation was in the design from the start (the issue asks for it) and no regressor or parameter was changed after that look.',
  ].join('\n');
