import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireDataDir } from '../../test/support/data.ts';
import { parseClock } from '../game/clock.ts';
import { easternParts, easternToEpoch } from './eastern-time.ts';
import { loadNight } from './night.ts';
import { HALFTIME_MS, paceGame, QUARTER_BREAK_MS, REAL_MS_PER_GAME_SECOND, TIP_DELAY_MS, type PaceInput } from './pacing.ts';

const at = (h: number, m: number): number => h * 60 + m;
const row = (period: number, clock: string, wallClock: number | undefined): PaceInput => {
  return { period, secondsLeft: parseClock(clock), wallClock };
};
const nonDecreasing = (xs: readonly number[]): boolean => xs.every((x, i) => i === 0 || x >= (xs[i - 1] as number));

/** A plausible game of stamped rows: one every 30 s of game clock, 2.2 real minutes per game minute. */
function stampedGame(tipMinute: number, overrides: Record<number, number | undefined> = {}): PaceInput[] {
  const rows: PaceInput[] = [];
  let wall = tipMinute;
  for (let period = 1; period <= 4; period++) {
    for (let left = 720; left >= 0; left -= 30) {
      rows.push({ period, secondsLeft: left, wallClock: Math.floor(wall) % 1440 });
      wall += 1.1;
    }
    wall += period === 2 ? 15 : 2.5;
  }
  for (const [i, v] of Object.entries(overrides)) rows[Number(i)] = { ...(rows[Number(i)] as PaceInput), wallClock: v };
  return rows;
}

test('within a stamped minute, actions are spread by game clock up to the next minute', () => {
  const rows = [row(1, '12:00', at(20, 4)), row(1, '11:50', at(20, 5)), row(1, '11:30', at(20, 5)), row(1, '11:10', at(20, 5)), row(1, '10:50', at(20, 6)), row(1, '10:40', at(20, 6))];
  rows.push(...stampedGame(at(20, 7)).slice(5).map((r) => ({ ...r, period: r.period === 1 ? 2 : r.period })));
  const pacing = paceGame(rows, '2017-10-17');
  assert.equal(pacing.source, 'stamps');
  const minute = easternToEpoch('2017-10-17', at(20, 5));
  assert.deepEqual(pacing.publishAt.slice(1, 5), [minute, minute + 20_000, minute + 40_000, minute + 60_000]);
  assert.equal(pacing.scheduledTip, easternToEpoch('2017-10-17', at(20, 0)), 'tip on the half hour before the first stamp');
  assert.ok(nonDecreasing(pacing.publishAt));
});

test('stamps are US Eastern and a late game runs on past midnight on its own date', () => {
  const rows = stampedGame(at(22, 41));
  const pacing = paceGame(rows, '2017-11-22');
  assert.equal(pacing.source, 'stamps');
  assert.equal(pacing.scheduledTip, Date.parse('2017-11-23T03:30:00Z'), '10:30 pm EST');
  assert.ok(nonDecreasing(pacing.publishAt));
  const end = easternParts(pacing.publishAt.at(-1) as number);
  assert.equal(end.date, '2017-11-23');
  assert.ok(end.hour < 3, `ends in the small hours, got ${end.hour}`);
});

test('a late-filed stamp and a stray one do not move the timeline', () => {
  const clean = paceGame(stampedGame(at(19, 11)), '2018-01-10');
  // Row 40 stamped 95 minutes late (filed after the game), row 80 a stray afternoon value.
  const noisy = paceGame(stampedGame(at(19, 11), { 40: at(21, 5), 80: at(13, 50) }), '2018-01-10');
  assert.equal(noisy.source, 'stamps');
  assert.ok(nonDecreasing(noisy.publishAt));
  for (const i of [10, 39, 40, 41, 79, 80, 81, 95]) {
    assert.ok(Math.abs((noisy.publishAt[i] as number) - (clean.publishAt[i] as number)) <= 60_000, `row ${i}`);
  }
});

test('without stamps the game gets the realistic pace: 2.2 min per game minute, 2.5 min breaks, 15 min halftime', () => {
  const rows: PaceInput[] = stampedGame(at(19, 11)).map((r) => ({ ...r, wallClock: undefined }));
  rows.push(row(5, '5:00', undefined), row(5, '0:00', undefined));
  const pacing = paceGame(rows, '2018-03-10');
  assert.equal(pacing.source, 'fallback');
  assert.equal(pacing.reason, 'no WCTIMESTRING stamps');
  const tip = easternToEpoch('2018-03-10', at(19, 30));
  assert.equal(pacing.scheduledTip, tip);
  const publishAt = (period: number, secondsLeft: number): number => pacing.publishAt[rows.findIndex((r) => r.period === period && r.secondsLeft === secondsLeft)] as number;
  const quarter = 720 * REAL_MS_PER_GAME_SECOND;
  assert.equal(publishAt(1, 720), tip + TIP_DELAY_MS);
  assert.equal(publishAt(1, 0), tip + TIP_DELAY_MS + quarter);
  assert.equal(publishAt(2, 720), tip + TIP_DELAY_MS + quarter + QUARTER_BREAK_MS);
  assert.equal(publishAt(3, 720), tip + TIP_DELAY_MS + 2 * quarter + QUARTER_BREAK_MS + HALFTIME_MS);
  assert.equal(publishAt(5, 300), tip + TIP_DELAY_MS + 4 * quarter + 3 * QUARTER_BREAK_MS + HALFTIME_MS);
  assert.equal(publishAt(5, 0), publishAt(5, 300) + 300 * REAL_MS_PER_GAME_SECOND);
  assert.ok(nonDecreasing(pacing.publishAt));
});

test('stamps that jump around (garbled) are reported and the game falls back', () => {
  const rows = stampedGame(at(17, 53)).map((r, i) => (i % 3 === 0 ? { ...r, wallClock: (at(16, 0) + i * 7) % 1440 } : r));
  const pacing = paceGame(rows, '2017-10-21');
  assert.equal(pacing.source, 'fallback');
  assert.match(pacing.reason ?? '', /^only \d+ of \d+ WCTIMESTRING stamps are consistent$/);
  assert.ok(nonDecreasing(pacing.publishAt));
});

test('real nights: a West-coast game tips at 10:30 pm ET and a late one ends after midnight ET', (t) => {
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return;
  const night = loadNight(dataDir, '2018-02-22');
  const sac = night.games.find((g) => g.gameId === '0021700871');
  assert.ok(sac, 'OKC @ SAC');
  assert.equal(sac.pacing, 'stamps');
  assert.equal(sac.scheduledTip, Date.parse('2018-02-23T03:00:00Z'), '10:00 pm ET');
  assert.equal(sac.gameCode, '20180222/OKCSAC');
  const end = easternParts(sac.endsAt);
  assert.equal(end.date, '2018-02-23');
  // The last play is stamped 2:42 AM; the period end's 2:54 AM, 12 minutes on, reads as filed late.
  assert.deepEqual([end.hour, end.minute, end.second], [2, 43, 30]);
  for (const g of night.games) {
    assert.ok(nonDecreasing(g.actions.map((a) => a.publishAt)), g.gameId);
    assert.ok(g.startsAt >= g.scheduledTip && g.startsAt - g.scheduledTip < 30 * 60_000, `${g.gameId} tips within 30 min of schedule`);
  }
});
