/**
 * What the lead charts really drew as text, measured where it was drawn. An init script wraps the
 * browser's own `fillText` (the text is still drawn) and records each call's font and ink box on
 * the canvas; a chart clearing its whole canvas starts a new draw, so what is read is the last
 * complete draw of every chart. Boxes are turned into CSS pixels with the canvas's own ratio of
 * backing pixels to CSS pixels, so charts at pixel ratios 1, 2 and 3 can be compared directly.
 */
import type { Page } from 'playwright-core';

/** Plain JavaScript, not a function: tsx would add helpers to a function that the page lacks. */
export const RECORD_CANVAS_TEXT = `(() => {
  const draws = new WeakMap();
  const proto = CanvasRenderingContext2D.prototype;
  const fillText = proto.fillText;
  const clearRect = proto.clearRect;
  proto.clearRect = function (x, y, w, h) {
    if (x === 0 && y === 0 && w >= this.canvas.width && h >= this.canvas.height) draws.set(this.canvas, []);
    return clearRect.call(this, x, y, w, h);
  };
  proto.fillText = function (text, x, y, maxWidth) {
    const m = this.measureText(String(text));
    const t = this.getTransform();
    const at = (px, py) => [t.a * px + t.c * py + t.e, t.b * px + t.d * py + t.f];
    const [left, top] = at(x - m.actualBoundingBoxLeft, y - m.actualBoundingBoxAscent);
    const [right, bottom] = at(x + m.actualBoundingBoxRight, y + m.actualBoundingBoxDescent);
    const list = draws.get(this.canvas) ?? [];
    draws.set(this.canvas, list);
    list.push({ text: String(text), font: this.font, align: this.textAlign, baseline: this.textBaseline, left, top, right, bottom });
    return fillText.call(this, text, x, y, maxWidth);
  };
  window.__courtsideCanvasText = (canvas) => draws.get(canvas) ?? [];
})();`;

export interface DrawnLabel {
  readonly text: string;
  /** Font size in CSS pixels. */
  readonly fontPx: number;
  readonly align: string;
  readonly baseline: string;
  /** Ink box in CSS pixels, relative to the canvas's top-left corner. */
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface DrawnChart {
  readonly testId: string;
  /** The canvas's top-left corner in the viewport, in CSS pixels. */
  readonly x: number;
  readonly y: number;
  /** The canvas in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Backing pixels per CSS pixel. */
  readonly ratio: number;
  readonly labels: readonly DrawnLabel[];
}

/** Every lead chart on the page and the labels of its last draw. */
export async function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.evaluate(() => {
    type Raw = { text: string; font: string; align: string; baseline: string; left: number; top: number; right: number; bottom: number };
    const read = (window as unknown as { __courtsideCanvasText: (c: HTMLCanvasElement) => Raw[] }).__courtsideCanvasText;
    return Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="lead-chart-"]')).flatMap((chart) => {
      const canvas = chart.querySelector('canvas');
      if (!canvas) return [];
      const css = canvas.getBoundingClientRect();
      const ratio = canvas.width / css.width;
      const labels = read(canvas).map((l) => ({
        text: l.text,
        fontPx: Number(/([\d.]+)px/.exec(l.font)?.[1] ?? NaN) / ratio,
        align: l.align,
        baseline: l.baseline,
        left: l.left / ratio,
        top: l.top / ratio,
        right: l.right / ratio,
        bottom: l.bottom / ratio,
      }));
      return [{ testId: chart.dataset.testid ?? '', x: css.left, y: css.top, width: css.width, height: css.height, ratio, labels }];
    });
  });
}

/** Labels along the x axis (uPlot centres them), left to right; the rest are the y axis and the markers. */
export function xAxisLabels(chart: DrawnChart): DrawnLabel[] {
  return chart.labels.filter((l) => l.align === 'center' && /^\d+$/.test(l.text)).sort((a, b) => a.left - b.left);
}

/** Labels of the y axis (right-aligned against the plot), top to bottom. */
export function yAxisLabels(chart: DrawnChart): DrawnLabel[] {
  return chart.labels.filter((l) => l.align === 'right').sort((a, b) => a.top - b.top);
}

/**
 * What is wrong with a chart's labels, in words: a size other than `fontPx`, ink outside the
 * canvas (clipped), or labels of one axis running into each other. Empty when they are right.
 */
export function labelProblems(chart: DrawnChart, fontPx: number): string[] {
  const where = `${chart.testId} at ratio ${chart.ratio}`;
  const problems: string[] = [];
  if (chart.labels.length === 0) problems.push(`${where}: no label drawn`);
  for (const l of chart.labels) {
    if (Math.abs(l.fontPx - fontPx) > 0.5) problems.push(`${where}: "${l.text}" is ${l.fontPx.toFixed(1)} CSS px, not ${fontPx}`);
    // Half a pixel of anti-aliasing either way is not clipping.
    if (l.left < -0.5 || l.top < -0.5 || l.right > chart.width + 0.5 || l.bottom > chart.height + 0.5) {
      problems.push(`${where}: "${l.text}" spans ${box(l)}, outside the ${chart.width}×${chart.height} canvas`);
    }
  }
  const xs = xAxisLabels(chart);
  for (let i = 1; i < xs.length; i++) {
    const [a, b] = [xs[i - 1]!, xs[i]!];
    if (b.left - a.right < 2) problems.push(`${where}: x labels "${a.text}" and "${b.text}" run together (${box(a)} | ${box(b)})`);
  }
  const ys = yAxisLabels(chart);
  for (let i = 1; i < ys.length; i++) {
    const [a, b] = [ys[i - 1]!, ys[i]!];
    if (b.top - a.bottom < 1) problems.push(`${where}: y labels "${a.text}" and "${b.text}" overlap`);
  }
  return problems;
}

function box(l: DrawnLabel): string {
  return `x ${l.left.toFixed(1)}..${l.right.toFixed(1)}, y ${l.top.toFixed(1)}..${l.bottom.toFixed(1)}`;
}
