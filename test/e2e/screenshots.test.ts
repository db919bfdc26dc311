/** The screenshots the browser tests keep (docs/screenshots) are there, each at its screen's size in device pixels. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/data/location.ts';
import { pngSize } from './support/screenshot-ink.ts';

const SCREENS = [
  ['dashboard-390x844@1x.png', 390, 844, 1],
  ['dashboard-390x844@2x.png', 390, 844, 2],
  ['dashboard-390x844@3x.png', 390, 844, 3],
  ['dashboard-1280x800@1x.png', 1280, 800, 1],
  ['dashboard-1280x800@2x.png', 1280, 800, 2],
  ['dashboard-feed-down-390x844@2x.png', 390, 844, 2],
] as const;

test('docs/screenshots has each screen at each pixel ratio, at its size in device pixels', () => {
  for (const [name, width, height, ratio] of SCREENS) {
    const png = readFileSync(path.join(PROJECT_ROOT, 'docs/screenshots', name));
    assert.deepEqual(pngSize(png), { width: width * ratio, height: height * ratio }, name);
  }
});
