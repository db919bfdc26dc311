import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import { createSignal } from 'solid-js';
import type { MinuteForecast, Prediction } from '../../../src/protocol/messages.ts';
import { leadChartOptions, leadData, readColors, type FanSlice, type Overlay } from '../chart/lead-chart.ts';
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
    let chart: uPlot | undefined;
    let pattern: readonly number[] = [];
    let band: Overlay | null = null;
    let fan: FanSlice[] = [];
    const build = () => {
      chart?.destroy();
      const options = leadChartOptions({
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        colors: readColors(el),
        pattern: () => pattern,
        overlay: () => band,
        fan: () => fan,
        onDrawn: setFanDrawn,
      });
      chart = new uPlot(options, leadData(pattern), el);
    };
    createEffect(() => {
      pattern = [...props.game.pattern];
      band = overlay();
      fan = fanOf(props.trail);
      if (chart) chart.setData(leadData(pattern));
      else build();
    });
    // Canvas colours are fixed when drawn: rebuild when the system theme flips.
    const theme = matchMedia('(prefers-color-scheme: dark)');
    theme.addEventListener('change', build);
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, el.clientWidth);
      if (chart && chart.width !== width) chart.setSize({ width, height: HEIGHT });
    });
    resize.observe(el);
    onCleanup(() => {
      theme.removeEventListener('change', build);
      resize.disconnect();
      chart?.destroy();
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
