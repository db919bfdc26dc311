/**
 * What every fault test demands of a game once the feed has recovered, checked on what a client
 * received (not only on the service's memory): the exact pattern of `minute_diffs.csv`, the right
 * final score, one forecast made from the true d1..d18, and a stream that went on after the fault.
 */
import assert from 'node:assert/strict';
import { HALFTIME_MINUTE, minuteDiff } from '../../src/domain/minutes.ts';
import { parseClock } from '../../src/game/clock.ts';
import type { ServerMessage } from '../../src/protocol/messages.ts';
import type { LogEntry, LoggedError } from './capturing-logger.ts';
import type { FaultPlan } from './fault-plan.ts';
import type { FaultRun } from './fault-run.ts';

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

export function messagesOf<T extends ServerMessage['type']>(run: FaultRun, type: T, gameId: string): Array<Of<T>> {
  return run.client.ofType(type).filter((m) => 'game_id' in m && m.game_id === gameId);
}

export interface RecoveryExpectation {
  /**
   * The fault covered 18:00 itself: the forecast could only be made from scoreboard snapshots, and
   * must say so. Otherwise it must be exact.
   */
  readonly forecastApproximate?: boolean;
  /** With `forecastApproximate`: the minutes d1..dN that were exact before the fault began. */
  readonly exactThrough?: number;
}

export function assertRecovered(run: FaultRun, gameId: string, expect: RecoveryExpectation = {}): void {
  const truth = run.truth.get(gameId);
  assert.ok(truth, `${gameId} is in minute_diffs.csv`);
  const minutes = 48 + 5 * truth.otPeriods;

  const record = run.service.pipeline.games.get(gameId);
  assert.ok(record, `${gameId} tracked`);
  assert.equal(record.tracker.complete, true, `${gameId} complete`);
  assert.equal(record.tracker.approximate, false, `${gameId} exact at the end`);
  assert.deepEqual(record.tracker.pattern.slice(0, 48), truth.d, `${gameId} d1..d48 in the service`);

  const progress = messagesOf(run, 'pattern_progress', gameId).at(-1);
  assert.ok(progress, `${gameId} pattern_progress sent`);
  assert.equal(progress.approximate, false, `${gameId} last pattern_progress exact`);
  assert.equal(progress.pattern.length, minutes, `${gameId} minutes collected, overtime included`);
  assert.deepEqual(progress.pattern.slice(0, 48), truth.d, `${gameId} d1..d48 on the wire`);
  assert.equal(progress.pattern.at(-1), truth.finalHome - truth.finalAway, `${gameId} last minute is the final margin`);

  const final = messagesOf(run, 'score_update', gameId).at(-1);
  assert.ok(final, `${gameId} score_update sent`);
  assert.equal(final.data.status, 'Final', `${gameId} final`);
  assert.deepEqual([final.data.home_score, final.data.away_score], [truth.finalHome, truth.finalAway], `${gameId} final score`);
  assert.equal(final.data.game_date, truth.gameDate, `${gameId} game_date`);

  const forecasts = messagesOf(run, 'ml_prediction', gameId);
  assert.equal(forecasts.length, 1, `${gameId} exactly one ml_prediction (got ${forecasts.length})`);
  const forecast = forecasts[0] as Of<'ml_prediction'>;
  if (expect.forecastApproximate) {
    assert.equal(forecast.approximate, true, `${gameId} forecast made during the fault is flagged approximate`);
    const exactBefore = expect.exactThrough ?? 0;
    assert.deepEqual(forecast.pattern.slice(0, exactBefore), truth.d.slice(0, exactBefore), `${gameId} the minutes before the fault stay exact`);
  } else {
    assert.equal(forecast.approximate, false, `${gameId} forecast exact`);
    assert.deepEqual(forecast.pattern, truth.d.slice(0, 18), `${gameId} forecast from the true d1..d18`);
  }
  assertPastEighteen(run, forecast);
  const halftime = messagesOf(run, 'halftime_result', gameId);
  assert.equal(halftime.length, 1, `${gameId} one halftime_result`);
  assert.deepEqual([halftime[0]?.actual, halftime[0]?.approximate], [minuteDiff(truth.d, HALFTIME_MINUTE), false], `${gameId} halftime graded on the true d24`);
}

/** Sent once the feed showed the game past 18:00, after the stream had shown minute 18 complete. */
function assertPastEighteen(run: FaultRun, forecast: Of<'ml_prediction'>): void {
  const past = forecast.period > 2 || (forecast.period === 2 && parseClock(forecast.clock) < 360);
  assert.ok(past, `${forecast.game_id} forecast at Q${forecast.period} ${forecast.clock}`);
  const before = run.client.messages.filter((m) => m.seq < forecast.seq && m.type === 'pattern_progress' && m.game_id === forecast.game_id);
  assert.ok(before.some((m) => m.type === 'pattern_progress' && m.minutes_collected >= 18), `${forecast.game_id} minute 18 shown complete first`);
}

/** The rule fired, and the game's stream (up to its final score) went on after its last firing. */
export function assertStreamWentOn(run: FaultRun, plan: FaultPlan, rule: string, gameId: string): void {
  const { hits, seqAtLastHit } = plan.record(rule);
  assert.ok(hits > 0, `fault ${rule} was injected (hits: ${hits})`);
  const later = run.client.messages.filter((m) => m.seq > seqAtLastHit && 'game_id' in m && m.game_id === gameId);
  assert.ok(later.some((m) => m.type === 'score_update' && m.data.status === 'Final'), `${gameId}: the final score arrived after ${rule}`);
  assert.ok(later.some((m) => m.type === 'pattern_progress'), `${gameId}: minutes arrived after ${rule}`);
}

/** The scoreboard fallback was used (an approximate pattern went out), then exactness came back. */
export function assertFellBackAndReturned(run: FaultRun, gameId: string): void {
  const progress = messagesOf(run, 'pattern_progress', gameId);
  const firstApproximate = progress.findIndex((m) => m.approximate);
  assert.ok(firstApproximate >= 0, `${gameId}: an approximate pattern was sent while play-by-play failed`);
  assert.ok(progress.slice(firstApproximate).some((m) => !m.approximate), `${gameId}: exact again afterwards`);
}

/** Log entries (warn or error) whose `err` matches; fails listing what was logged instead. */
export function assertLogged(run: FaultRun, what: string, match: (err: LoggedError, entry: LogEntry) => boolean): LogEntry[] {
  const found = run.log.errors(match);
  if (found.length === 0) {
    const logged = run.log.errors(() => true).slice(0, 8).map((e) => `${e.level} ${e.msg}: ${String(e.fields.err && (e.fields.err as LoggedError).message)}`);
    assert.fail(`no log entry for ${what}; logged instead: ${logged.join(' | ') || 'nothing'}`);
  }
  return found;
}

/** A feed error about one game's play-by-play: its code, its URL, its status. */
export function playByPlayError(gameId: string, code: string, status: number | undefined) {
  return (err: LoggedError, entry: LogEntry): boolean =>
    entry.fields.gameId === gameId &&
    err.code === code &&
    err.status === status &&
    typeof err.url === 'string' &&
    err.url.endsWith(`/playbyplay/playbyplay_${gameId}.json`) &&
    typeof err.message === 'string' &&
    err.message.includes(err.url);
}
