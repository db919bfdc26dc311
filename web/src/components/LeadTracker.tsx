import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import type { Prediction } from '../../../src/protocol/messages.ts';
import { leadChartOptions, leadData, readColors, type Overlay } from '../chart/lead-chart.ts';
import { leadPhrase, one } from '../format.ts';
import type { GameState } from '../../../packages/client/src/index.ts';

const HEIGHT = 150;

/** The lead minute by minute (uPlot), with the forecast band; described in words for screen readers. */
export function LeadTracker(props: { game: GameState; prediction: Prediction | null }) {
  let el!: HTMLDivElement;
  const overlay = (): Overlay | null => {
    const p = props.prediction;
    return p ? { lower: p.interval_lower, upper: p.interval_upper, point: p.point_forecast } : null;
  };

  onMount(() => {
    let chart: uPlot | undefined;
    let pattern: readonly number[] = [];
    let band: Overlay | null = null;
    const build = () => {
      chart?.destroy();
      const options = leadChartOptions({
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        colors: readColors(el),
        pattern: () => pattern,
        overlay: () => band,
      });
      chart = new uPlot(options, leadData(pattern), el);
    };
    createEffect(() => {
      pattern = [...props.game.pattern];
      band = overlay();
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
    return `Lead tracker, home ${home} minus away ${away}: ${now}${forecast}`;
  };

  return <div class="lead-chart" ref={el} role="img" aria-label={summary()} data-testid={`lead-chart-${props.game.game_id}`} />;
}
