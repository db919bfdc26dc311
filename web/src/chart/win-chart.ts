/**
 * uPlot options for the win-probability line under a game's lead chart: the home team's chance of
 * winning at the end of each minute, on the lead chart's minute axis, with 50% marked.
 */
import uPlot from 'uplot';
import { STILL } from './frame.ts';
import type { ChartColors } from './lead-chart.ts';

const REGULATION = 48;

/** Minutes and probabilities (0..1) as uPlot's aligned data. */
export function winData(points: ReadonlyArray<{ readonly minute: number; readonly home_win_probability: number }>): uPlot.AlignedData {
  return [points.map((p) => p.minute), points.map((p) => p.home_win_probability)];
}

export function winChartOptions(input: { width: number; height: number; colors: ChartColors; lastMinute: () => number }): uPlot.Options {
  const { colors } = input;
  const px = (n: number) => n * uPlot.pxRatio;
  const font = `${Math.round(px(10))}px system-ui, sans-serif`;
  const even = (u: uPlot) => {
    const { ctx, bbox } = u;
    const y = u.valToPos(0.5, 'y', true);
    ctx.save();
    ctx.strokeStyle = colors.marker;
    ctx.lineWidth = px(1);
    ctx.setLineDash([px(4), px(3)]);
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
    ctx.restore();
  };
  return {
    width: input.width,
    height: input.height,
    ...STILL,
    scales: { x: { time: false, range: () => [0, Math.max(REGULATION, input.lastMinute())] }, y: { range: () => [0, 1] } },
    axes: [
      { show: false, size: 0 },
      {
        stroke: colors.axis,
        font,
        grid: { stroke: colors.grid, width: 1 },
        ticks: { show: false },
        splits: () => [0, 0.5, 1],
        values: (_u, splits) => splits.map((v) => `${Math.round(v * 100)}%`),
        size: 36,
      },
    ],
    series: [{}, { stroke: colors.forecast, width: 2, points: { show: false } }],
    hooks: { drawAxes: [even] },
  };
}
