/**
 * What the dashboard's charts share: a still uPlot (no legend, cursor or selection), mounted in an
 * element whose width it follows, redrawn with the system theme's colours when the theme flips.
 */
import { createEffect, onCleanup } from 'solid-js';
import uPlot from 'uplot';
import { readColors, type ChartColors } from './lead-chart.ts';

export const STILL: Pick<uPlot.Options, 'legend' | 'cursor' | 'select'> = {
  legend: { show: false },
  cursor: { show: false },
  select: { show: false, left: 0, top: 0, width: 0, height: 0 },
};

/**
 * Call inside `onMount`: the chart is built once `el` has a width, and `read` (tracked) gives its
 * data, so it redraws whenever what `read` reads changes.
 */
export function mountChart(el: HTMLElement, height: number, options: (size: { width: number; height: number }, colors: ChartColors) => uPlot.Options, read: () => uPlot.AlignedData): void {
  let chart: uPlot | undefined;
  let data: uPlot.AlignedData = [[]];
  const width = () => Math.max(200, el.clientWidth);
  const build = () => {
    chart?.destroy();
    chart = new uPlot(options({ width: width(), height }, readColors(el)), data, el);
  };
  createEffect(() => {
    data = read();
    if (chart) chart.setData(data);
    else build();
  });
  // Canvas colours are fixed when drawn: rebuild when the system theme flips.
  const theme = matchMedia('(prefers-color-scheme: dark)');
  theme.addEventListener('change', build);
  const resize = new ResizeObserver(() => {
    if (chart && chart.width !== width()) chart.setSize({ width: width(), height });
  });
  resize.observe(el);
  onCleanup(() => {
    theme.removeEventListener('change', build);
    resize.disconnect();
    chart?.destroy();
  });
}
