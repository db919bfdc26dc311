/** Responses and folders for the archive's tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { ArchiveRecord, SegmentInfo } from '../records.ts';

export const FEED = 'http://127.0.0.1:9/static/json/liveData';
export const T0 = Date.UTC(2018, 0, 2, 0, 0, 0);

export function segment(overrides: Partial<SegmentInfo> = {}): SegmentInfo {
  return { night: '2018-01-01', feedUrl: FEED, speed: 1, startedAt: T0, ...overrides };
}

/** A play-by-play body of `actions` actions, ~200 bytes each, as the CDN's grow through a game. */
export function playByPlayBody(actions: number): Buffer {
  const list = Array.from({ length: actions }, (_, i) => ({ actionNumber: i + 1, clock: `PT${String(11 - (i % 12)).padStart(2, '0')}M00.00S`, period: 1 + Math.floor(i / 120), actionType: i % 3 ? '2pt' : 'rebound', scoreHome: String(i), scoreAway: String(i >> 1), description: `action ${i} of a long game, with the words a description has` }));
  return Buffer.from(JSON.stringify({ meta: { time: `${T0 + actions}` }, game: { gameId: '0021700001', actions: list } }));
}

export function response(i: number, overrides: Partial<ArchiveRecord> = {}): ArchiveRecord {
  return {
    url: `${FEED}/playbyplay/playbyplay_0021700001.json`,
    status: 200,
    headers: { 'content-type': 'application/json', etag: `"v${i}"`, 'last-modified': new Date(T0 + i * 10_000).toUTCString() },
    sentAt: T0 + i * 10_000,
    receivedAt: T0 + i * 10_000 + 40,
    body: playByPlayBody(10 + i),
    ...overrides,
  };
}

export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtside-archive-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
