/**
 * Checks a screenshot itself, not just the page it was taken of: its size in device pixels, and
 * ink (light and dark pixels side by side) inside the box of every chart label on the screen, so
 * a label that uPlot measured but the picture lost (clipped, covered, blank) fails the test. The
 * PNG is decoded by the browser that took it.
 */
import type { Page } from 'playwright-core';
import type { DrawnChart } from './chart-labels.ts';

export interface ScreenshotCheck {
  /** The PNG's size in pixels, from its header. */
  readonly width: number;
  readonly height: number;
  /** Labels wholly on the screen, each with the contrast found in its box (0..255). */
  readonly labels: ReadonlyArray<{ readonly text: string; readonly chart: string; readonly contrast: number }>;
}

/** Width and height from the PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export async function checkScreenshot(page: Page, png: Buffer, charts: readonly DrawnChart[], viewport: { width: number; height: number }): Promise<ScreenshotCheck> {
  const boxes = charts.flatMap((c) =>
    c.labels
      .map((l) => ({ text: l.text, chart: c.testId, left: c.x + l.left, top: c.y + l.top, right: c.x + l.right, bottom: c.y + l.bottom }))
      .filter((b) => b.left >= 0 && b.top >= 0 && b.right <= viewport.width && b.bottom <= viewport.height),
  );
  const { width, height } = pngSize(png);
  const scale = width / viewport.width;
  const contrasts = await page.evaluate(async ({ data, boxes, scale }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0);
    return boxes.map((b) => {
      const x = Math.floor(b.left * scale);
      const y = Math.floor(b.top * scale);
      const w = Math.max(1, Math.ceil(b.right * scale) - x);
      const h = Math.max(1, Math.ceil(b.bottom * scale) - y);
      const px = ctx.getImageData(x, y, w, h).data;
      let min = 255;
      let max = 0;
      for (let i = 0; i < px.length; i += 4) {
        const luma = 0.299 * (px[i] ?? 0) + 0.587 * (px[i + 1] ?? 0) + 0.114 * (px[i + 2] ?? 0);
        if (luma < min) min = luma;
        if (luma > max) max = luma;
      }
      return Math.round(max - min);
    });
  }, { data: png.toString('base64'), boxes, scale });
  return { width, height, labels: boxes.map((b, i) => ({ text: b.text, chart: b.chart, contrast: contrasts[i] ?? 0 })) };
}
