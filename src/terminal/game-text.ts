/**
 * A game in words for a terminal: the matchup, the clock, who leads, the forecast and the verdict.
 * Shared by `courtside watch` and `serve`'s human output so both say the same thing the same way.
 * Leads and forecasts are home minus away, as on the wire.
 */
import { nightTally, type GameHalftime, type GameState, type NightTally, type Prediction, type ScoreUpdateData } from '../../packages/client/src/index.ts';

const TIP_OFF = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York' });

/** `+3`, `-2.5`, `0`: a lead or a forecast, home minus away. */
export function signed(value: number, digits = 0): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${value > 0 ? '+' : '-'}${text}`;
}

/** `BOS 54 @ CLE 50` (away first, as the league writes it). */
export function matchup(data: ScoreUpdateData): string {
  return `${data.away_team} ${data.away_score} @ ${data.home_team} ${data.home_score}`;
}

/** `BOS @ CLE`. */
export function teams(data: ScoreUpdateData): string {
  return `${data.away_team} @ ${data.home_team}`;
}

/** `Q2 6:30`, `OT1 0:42`, `Half`, `Final`, `Final/OT`, or the tip-off `7:30 PM ET` before it. */
export function gameClock(data: ScoreUpdateData): string {
  const overtime = data.period > 4;
  switch (data.status) {
    case 'Scheduled': {
      const tip = Date.parse(data.start_time);
      return Number.isNaN(tip) ? 'Scheduled' : `${TIP_OFF.format(tip)} ET`;
    }
    case 'In Progress': {
      const period = overtime ? `OT${data.period - 4}` : `Q${data.period}`;
      return data.clock ? `${period} ${data.clock.replace(/^0(?=\d:)/, '')}` : period;
    }
    case 'Halftime':
      return 'Half';
    case 'Final':
      return overtime ? 'Final/OT' : 'Final';
    default:
      return data.status;
  }
}

/** `CLE by 4`, `tied`: who leads now. */
export function leader(data: ScoreUpdateData): string {
  const lead = data.home_score - data.away_score;
  if (lead === 0) return 'tied';
  return lead > 0 ? `${data.home_team} by ${lead}` : `${data.away_team} by ${-lead}`;
}

/** `+3.4 [-7.1, +13.9]`: the point forecast and its interval. */
export function forecastText(p: Prediction): string {
  return `${signed(p.point_forecast, 1)} [${signed(p.interval_lower, 1)}, ${signed(p.interval_upper, 1)}]`;
}

/** `95%`. */
export function coverageText(p: Prediction): string {
  return `${Math.round(p.coverage_probability * 100)}%`;
}

/** `+9 covered`, `-12 missed`, `+4 (no forecast)`; `approx` while graded from the scoreboard. */
export function verdictText(h: GameHalftime): string {
  const outcome = h.covered === null ? '(no forecast)' : h.covered ? 'covered' : 'missed';
  return `${signed(h.actual)} ${outcome}${h.approximate ? ' approx' : ''}`;
}

/** The pattern's progress toward the 18 minutes the forecast needs: `[#########.........] 9/18`. */
export function patternBar(game: GameState, width = 18): string {
  const needed = 18;
  const have = Math.min(game.pattern.length, needed);
  const filled = Math.round((have / needed) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${have}/${needed}`;
}

/** `5 forecasts · 3 graded · 2 inside the interval (67%) · MAE 3.1`. */
export function tallyText(t: NightTally): string {
  const share = t.settled ? ` (${Math.round((t.covered / t.settled) * 100)}%)` : '';
  const parts = [`${t.forecasts} forecast${t.forecasts === 1 ? '' : 's'}`, `${t.settled} graded`, `${t.covered} inside the interval${share}`];
  if (t.mae !== null) parts.push(`MAE ${t.mae.toFixed(1)}`);
  return parts.join(' · ');
}

/** `Tonight: 14 games · 14 forecasts · 14 graded · 12 inside the interval (86%) · MAE 4.1`. */
export function tonightText(games: Iterable<GameState>): string {
  const all = [...games];
  return `Tonight: ${all.length} game${all.length === 1 ? '' : 's'} · ${tallyText(nightTally(all))}`;
}
