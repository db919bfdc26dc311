import { onMount } from 'solid-js';
import type { MinuteForecast } from '../../../src/protocol/messages.ts';
import { mountChart } from '../chart/frame.ts';
import type { ChartColors } from '../chart/lead-chart.ts';
import { winChartOptions, winData } from '../chart/win-chart.ts';

const HEIGHT = 64;

const percent = (p: number) => `${Math.round(p * 100)}%`;

/** The home team's win probability minute by minute, under the lead chart; described in words for screen readers. Needs a trail of at least one forecast. */
export function WinProbability(props: { id: string; home: string; away: string; trail: readonly MinuteForecast[] }) {
  let el!: HTMLDivElement;
  const latest = () => props.trail.at(-1);

  onMount(() => {
    let last = 0;
    const options = (size: { width: number; height: number }, colors: ChartColors) => winChartOptions({ ...size, colors, lastMinute: () => last });
    mountChart(el, HEIGHT, options, () => {
      last = props.trail.at(-1)?.minute ?? 0;
      return winData(props.trail);
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
