import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import type { MinuteForecast } from '../../../src/protocol/messages.ts';
import { readColors } from '../chart/lead-chart.ts';
import { winChartOptions, winData } from '../chart/win-chart.ts';

const HEIGHT = 64;

const percent = (p: number) => `${Math.round(p * 100)}%`;

/** The home team's win probability minute by minute, under the lead chart; described in words for screen readers. Needs a trail of at least one forecast. */
export function WinProbability(props: { id: string; home: string; away: string; trail: readonly MinuteForecast[] }) {
  let el!: HTMLDivElement;
  const latest = () => props.trail.at(-1);

  onMount(() => {
    let chart: uPlot | undefined;
    let points: readonly MinuteForecast[] = [];
    const build = () => {
      chart?.destroy();
      chart = new uPlot(winChartOptions({ width: Math.max(200, el.clientWidth), height: HEIGHT, colors: readColors(el), lastMinute: () => points.at(-1)?.minute ?? 0 }), winData(points), el);
    };
    createEffect(() => {
      points = [...props.trail];
      if (chart) chart.setData(winData(points));
      else build();
    });
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
    const f = latest();
    return f ? `${props.home} win probability: ${percent(f.home_win_probability)} after ${f.minute} min (${props.trail.length} minutes charted)` : `${props.home} win probability: not yet forecast`;
  };

  const f = () => latest() as MinuteForecast;
  return (
    <div class="win" data-testid={`win-${props.id}`}>
      <div class="win-row">
        <span>
          {props.home} win <strong data-testid={`win-probability-${props.id}`}>{percent(f().home_win_probability)}</strong>
        </span>
        <span>
          final margin <strong data-testid={`final-margin-${props.id}`}>{f().final_margin.point > 0 ? '+' : ''}{f().final_margin.point.toFixed(1)}</strong> (95%{' '}
          {f().final_margin.quantiles.q025.toFixed(1)} to {f().final_margin.quantiles.q975.toFixed(1)})
        </span>
      </div>
      <div class="win-chart" ref={el} role="img" aria-label={summary()} data-testid={`win-chart-${props.id}`} data-points={props.trail.length} />
    </div>
  );
}
