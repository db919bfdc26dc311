import { createSignal, onMount } from 'solid-js';
import type { MinuteForecast, Prediction } from '../../../src/protocol/messages.ts';
import { mountChart } from '../chart/frame.ts';
import { leadChartOptions, leadData, type ChartColors, type FanSlice, type Overlay } from '../chart/lead-chart.ts';
import { leadPhrase, one } from '../format.ts';
import type { GameState } from '../../../packages/client/src/index.ts';

const HEIGHT = 150;

/** The lead minute by minute (uPlot), with the forecast band and the final-margin fan; described in words for screen readers. */
export function LeadTracker(props: { game: GameState; prediction: Prediction | null; trail: readonly MinuteForecast[] }) {
  let el!: HTMLDivElement;
  const [fanDrawn, setFanDrawn] = createSignal(0);
  const fanOf = (trail: readonly MinuteForecast[]): FanSlice[] =>
    trail.map(({ minute, final_margin: { point, quantiles: q } }) => ({ minute, point, q025: q.q025, q10: q.q10, q25: q.q25, q75: q.q75, q90: q.q90, q975: q.q975 }));
  const overlay = (): Overlay | null => {
    const p = props.prediction;
    return p ? { lower: p.interval_lower, upper: p.interval_upper, point: p.point_forecast } : null;
  };

  onMount(() => {
    let pattern: readonly number[] = [];
    let band: Overlay | null = null;
    let fan: FanSlice[] = [];
    const options = (size: { width: number; height: number }, colors: ChartColors) =>
      leadChartOptions({ ...size, colors, pattern: () => pattern, overlay: () => band, fan: () => fan, onDrawn: setFanDrawn });
    mountChart(el, HEIGHT, options, () => {
      pattern = [...props.game.pattern];
      band = overlay();
      fan = fanOf(props.trail);
      return leadData(pattern);
    });
  });

  const summary = () => {
    const { home_team: home, away_team: away } = props.game.data;
    const pattern = props.game.pattern;
    const last = pattern[pattern.length - 1];
    const now = last === undefined ? 'not started' : `after ${pattern.length} min ${leadPhrase(last, home, away)}`;
    const o = overlay();
    const forecast = o ? `; halftime forecast ${one(o.point)} (${one(o.lower)} to ${one(o.upper)})` : '';
    const f = props.trail.at(-1)?.final_margin;
    const final = f ? `; final margin forecast ${one(f.point)} (95%: ${one(f.quantiles.q025)} to ${one(f.quantiles.q975)})` : '';
    return `Lead tracker, home ${home} minus away ${away}: ${now}${forecast}${final}`;
  };

  return <div class="lead-chart" ref={el} role="img" aria-label={summary()} data-testid={`lead-chart-${props.game.game_id}`} data-fan-minutes={fanDrawn()} />;
}
