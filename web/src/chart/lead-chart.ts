/**
 * uPlot options for the lead tracker: home minus away at the end of each minute, minutes 18 and
 * 24 marked, the halftime forecast drawn as its interval band from 18 to 24 with the point at 24,
 * and the final-margin forecast of every minute as a quantile fan (95%, 80%, 50% intervals and the
 * point) along the minutes it was made at. Bands and markers are drawn on the canvas under the
 * line, so the line stays readable.
 */
import uPlot from 'uplot';

export interface ChartColors {
  readonly line: string;
  readonly band: string;
  /** The final-margin fan: one translucent colour, stacked three times toward the middle. */
  readonly fan: string;
  readonly forecast: string;
  readonly marker: string;
  readonly axis: string;
  readonly grid: string;
}

/** Colours come from CSS custom properties, so the chart follows the light or dark theme. */
export function readColors(el: Element): ChartColors {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    line: v('--chart-line'),
    band: v('--chart-band'),
    fan: v('--chart-fan'),
    forecast: v('--chart-forecast'),
    marker: v('--chart-marker'),
    axis: v('--muted'),
    grid: v('--chart-grid'),
  };
}

export interface Overlay {
  readonly lower: number;
  readonly upper: number;
  readonly point: number;
}

/** One minute's final-margin forecast: the 95%, 80% and 50% intervals and the point. */
export interface FanSlice {
  readonly minute: number;
  readonly q025: number;
  readonly q10: number;
  readonly q25: number;
  readonly point: number;
  readonly q75: number;
  readonly q90: number;
  readonly q975: number;
}

export const FORECAST_FROM = 18;
export const HALFTIME = 24;
const REGULATION = 48;

/** Minute 0 is the tip (level); then d1..dk. */
export function leadData(pattern: readonly number[]): uPlot.AlignedData {
  const minutes = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  return [minutes, [0, ...pattern]];
}

/** Room for the line and the band, symmetric enough that "level" sits mid-chart early on. */
export function yRange(pattern: readonly number[], overlay: Overlay | null, fan: readonly FanSlice[] = []): [number, number] {
  const values = [0, ...pattern, ...(overlay ? [overlay.lower, overlay.upper, overlay.point] : []), ...fan.flatMap((f) => [f.q025, f.q975])];
  const lo = Math.min(-6, ...values);
  const hi = Math.max(6, ...values);
  return [Math.floor(lo - 2), Math.ceil(hi + 2)];
}

export interface LeadChartInput {
  readonly width: number;
  readonly height: number;
  readonly colors: ChartColors;
  /** Read at every draw: the current pattern and forecast. */
  readonly pattern: () => readonly number[];
  readonly overlay: () => Overlay | null;
  readonly fan: () => readonly FanSlice[];
  /** Told after each draw how many minutes of fan it drew (the page exposes it for tests and screen readers). */
  readonly onDrawn?: (fanMinutes: number) => void;
}

/** Label size in CSS pixels. */
export const LABEL_PX = 11;
const FONT_FAMILY = 'system-ui, sans-serif';

/**
 * uPlot takes axis fonts in CSS pixels and scales them by the device pixel ratio itself; what the
 * hooks below draw goes straight onto the canvas, in device pixels, so they scale their own. The
 * ratio is read at every draw: it changes when a window moves to another screen.
 */
const px = (n: number) => n * uPlot.pxRatio;

export function leadChartOptions(input: LeadChartInput): uPlot.Options {
  const { colors } = input;
  const axisFont = `${LABEL_PX}px ${FONT_FAMILY}`;

  const drawUnder = (u: uPlot) => {
    const { ctx, bbox } = u;
    const x = (m: number) => u.valToPos(m, 'x', true);
    const y = (d: number) => u.valToPos(d, 'y', true);
    ctx.save();
    const fan = input.fan();
    const band = (lo: (f: FanSlice) => number, hi: (f: FanSlice) => number) => {
      ctx.beginPath();
      fan.forEach((f, i) => (i === 0 ? ctx.moveTo(x(f.minute), y(hi(f))) : ctx.lineTo(x(f.minute), y(hi(f)))));
      for (let i = fan.length - 1; i >= 0; i--) ctx.lineTo(x((fan[i] as FanSlice).minute), y(lo(fan[i] as FanSlice)));
      ctx.closePath();
      ctx.fill();
    };
    if (fan.length > 0) {
      ctx.fillStyle = colors.fan;
      band((f) => f.q025, (f) => f.q975);
      band((f) => f.q10, (f) => f.q90);
      band((f) => f.q25, (f) => f.q75);
      ctx.strokeStyle = colors.forecast;
      ctx.lineWidth = px(1);
      ctx.setLineDash([px(2), px(2)]);
      ctx.beginPath();
      fan.forEach((f, i) => (i === 0 ? ctx.moveTo(x(f.minute), y(f.point)) : ctx.lineTo(x(f.minute), y(f.point))));
      ctx.stroke();
      ctx.setLineDash([]);
    }
    input.onDrawn?.(fan.length);
    const overlay = input.overlay();
    if (overlay) {
      ctx.fillStyle = colors.band;
      ctx.fillRect(x(FORECAST_FROM), y(overlay.upper), x(HALFTIME) - x(FORECAST_FROM), y(overlay.lower) - y(overlay.upper));
    }
    ctx.strokeStyle = colors.marker;
    ctx.fillStyle = colors.marker;
    ctx.lineWidth = px(1);
    ctx.font = `${Math.round(px(LABEL_PX))}px ${FONT_FAMILY}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.setLineDash([px(4), px(3)]);
    // The line starts below its label, so no stroke runs through the text.
    const lineTop = bbox.top + px(LABEL_PX + 4);
    for (const [minute, label] of [[FORECAST_FROM, '18′'], [HALFTIME, 'HT']] as const) {
      ctx.beginPath();
      ctx.moveTo(x(minute), lineTop);
      ctx.lineTo(x(minute), bbox.top + bbox.height);
      ctx.stroke();
      ctx.fillText(label, x(minute), bbox.top + px(2));
    }
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(bbox.left, y(0));
    ctx.lineTo(bbox.left + bbox.width, y(0));
    ctx.stroke();
    ctx.restore();
  };

  const drawOver = (u: uPlot) => {
    const overlay = input.overlay();
    if (!overlay) return;
    const { ctx } = u;
    const cx = u.valToPos(HALFTIME, 'x', true);
    const cy = u.valToPos(overlay.point, 'y', true);
    const r = px(5);
    ctx.save();
    ctx.fillStyle = colors.forecast;
    ctx.beginPath();
    ctx.moveTo(cx, cy - r);
    ctx.lineTo(cx + r, cy);
    ctx.lineTo(cx, cy + r);
    ctx.lineTo(cx - r, cy);
    ctx.closePath();
    ctx.fill();
    ctx.restore();
  };

  return {
    width: input.width,
    height: input.height,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: false, range: () => [0, Math.max(REGULATION, input.pattern().length)] },
      y: { range: () => yRange(input.pattern(), input.overlay(), input.fan()) },
    },
    axes: [
      {
        stroke: colors.axis,
        font: axisFont,
        grid: { stroke: colors.grid, width: 1 },
        ticks: { show: false },
        splits: (_u, _i, min, max) => range(min, max, 6),
        values: (_u, splits) => splits.map(String),
        size: 28,
      },
      {
        stroke: colors.axis,
        font: axisFont,
        grid: { stroke: colors.grid, width: 1 },
        ticks: { show: false },
        values: (_u, splits) => splits.map((v) => (v > 0 ? `+${v}` : String(v))),
        // Closer than uPlot's 30 px, so a 150 px chart shows steps of 10 rather than 20.
        space: 24,
        size: 36,
      },
    ],
    series: [{}, { stroke: colors.line, width: 2, points: { show: false } }],
    hooks: { drawAxes: [drawUnder], draw: [drawOver] },
  };
}

function range(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) out.push(v);
  return out;
}
