/**
 * One game's `playbyplayv2` rows as the live CDN would publish them. Rows are put in game order
 * (period, then clock descending, then file order: EVENTNUM is not game order because some events
 * were filed late) and numbered with `orderNumber`; `actionNumber` keeps EVENTNUM. Every action
 * carries the running score, which moves only on made field goals and free throws: other rows'
 * SCORE can be stale (replays, period starts), so it is never read.
 */
import { isoClock } from '../game/clock.ts';
import { possessionAfter, tipSide, type Possession } from '../model/possession.ts';
import { actionKind } from './action-types.ts';
import type { PbpRow } from './pbp-csv.ts';
import { teamIdOf } from './team-ids.ts';

/** A play-by-play action in the live feed's JSON shape (before it is stamped as published). */
export interface FeedAction {
  actionNumber: number;
  orderNumber: number;
  clock: string;
  timeActual?: string | undefined;
  period: number;
  periodType: 'REGULAR' | 'OVERTIME';
  teamId?: number | undefined;
  teamTricode?: string | undefined;
  actionType: string;
  subType?: string | undefined;
  isFieldGoal: 0 | 1;
  shotResult?: 'Made' | 'Missed' | undefined;
  scoreHome: string;
  scoreAway: string;
  edited?: string | undefined;
  description: string;
  /** The id of the team with the ball during the action, as the live feed has it; 0 when nobody's. */
  possession: number;
}

export interface ConvertedAction {
  readonly action: FeedAction;
  readonly secondsLeft: number;
  /** The row's WCTIMESTRING in minutes after midnight; undefined for the synthetic game end. */
  readonly wallClock: number | undefined;
}

/** A made shot or free throw whose SCORE is blank: the running score cannot move on it. */
export interface MissingScore {
  readonly eventNum: number;
  readonly line: number;
}

export interface ConvertedGame {
  readonly actions: readonly ConvertedAction[];
  readonly missingScores: readonly MissingScore[];
  readonly finalHome: number;
  readonly finalAway: number;
  readonly lastPeriod: number;
}

export interface Teams {
  readonly home: string;
  readonly away: string;
}

type Side = 'home' | 'away';

/** Room between consecutive orderNumbers, as in the real feed, so late-filed actions can slot in. */
export const ORDER_STEP = 10_000;

export function convertGame(rows: readonly PbpRow[], teams: Teams): ConvertedGame {
  const ordered = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => a.row.period - b.row.period || b.row.secondsLeft - a.row.secondsLeft || a.index - b.index)
    .map((x) => x.row);
  const actions: ConvertedAction[] = [];
  const missingScores: MissingScore[] = [];
  let home = 0;
  let away = 0;
  let lastMiss: Side | undefined;
  let ball: Possession = 0;
  const ids = { home: teamIdOf(teams.home), away: teamIdOf(teams.away) };
  for (const row of ordered) {
    const side = actingSide(row);
    const before = ball;
    ball = possessionAfter(row, before, () => tipSide(row, ordered));
    const text = side === 'home' ? row.homeDescription : side === 'away' ? row.visitorDescription : row.neutralDescription;
    const kind = actionKind(row.msgType, text);
    const shotResult = shotResultOf(row);
    if (shotResult === 'Made') {
      if (row.score) ({ home, away } = row.score);
      else missingScores.push({ eventNum: row.eventNum, line: row.line });
    }
    let subType = kind.subType;
    if (row.msgType === 4 && lastMiss) subType = lastMiss === side ? 'offensive' : 'defensive';
    if (shotResult === 'Missed') lastMiss = side;
    else if (row.msgType !== 4 && row.msgType !== 8 && row.msgType !== 9) lastMiss = undefined;
    // Every key always present (undefined ones vanish in JSON): one object shape for all actions.
    const action: FeedAction = {
      actionNumber: row.eventNum,
      orderNumber: (actions.length + 1) * ORDER_STEP,
      clock: isoClock(row.secondsLeft),
      timeActual: undefined,
      period: row.period,
      periodType: row.period <= 4 ? 'REGULAR' : 'OVERTIME',
      teamId: side ? ids[side] : undefined,
      teamTricode: side ? teams[side] : undefined,
      actionType: kind.actionType,
      subType,
      isFieldGoal: row.msgType === 1 || row.msgType === 2 ? 1 : 0,
      shotResult,
      scoreHome: String(home),
      scoreAway: String(away),
      edited: undefined,
      description: describe(row, side),
      possession: possessionDuring(row, side, before, ball, ids),
    };
    actions.push({ action, secondsLeft: row.secondsLeft, wallClock: row.wallClock });
  }
  const lastPeriod = Math.max(1, ...rows.map((r) => r.period));
  actions.push({ action: gameEnd(rows, actions.length, lastPeriod, home, away), secondsLeft: 0, wallClock: undefined });
  return { actions, missingScores, finalHome: home, finalAway: away, lastPeriod };
}

/**
 * The live feed names the team that had the ball during an action: the one after it, except when
 * the action handed the ball over (a made shot, a turnover, a last free throw made), whose team
 * had it until it was done.
 */
function possessionDuring(row: PbpRow, side: Side | undefined, before: Possession, after: Possession, ids: Readonly<Record<Side, number>>): number {
  const handing = row.msgType === 1 || row.msgType === 3 || row.msgType === 5;
  if (handing && side !== undefined && after !== before && after === (side === 'home' ? -1 : 1)) return ids[side];
  return after === 1 ? ids.home : after === -1 ? ids.away : 0;
}

/**
 * The team that acted: the one whose description is filled. When both are (a blocked shot, a
 * steal), the shooter's or the ball handler's side: the other one only credits the defence.
 */
function actingSide(row: PbpRow): Side | undefined {
  const h = row.homeDescription;
  const v = row.visitorDescription;
  if (h && v) {
    if (row.msgType === 2) return /\bMISS\b/.test(h) ? 'home' : 'away';
    if (row.msgType === 5) return /turnover/i.test(h) ? 'home' : 'away';
    return /\b(?:STEAL|BLOCK)\b/.test(h) ? 'away' : 'home';
  }
  if (h) return 'home';
  if (v) return 'away';
  return undefined;
}

function shotResultOf(row: PbpRow): 'Made' | 'Missed' | undefined {
  if (row.msgType === 1) return 'Made';
  if (row.msgType === 2) return 'Missed';
  if (row.msgType !== 3) return undefined;
  const all = `${row.homeDescription} ${row.neutralDescription} ${row.visitorDescription}`;
  return /\bMISS\b/.test(all) ? 'Missed' : 'Made';
}

const MARKERS: Readonly<Record<number, string>> = { 12: 'Period Start', 13: 'Period End' };

function describe(row: PbpRow, side: Side | undefined): string {
  const own = side === 'home' ? row.homeDescription : side === 'away' ? row.visitorDescription : '';
  const other = side === 'home' ? row.visitorDescription : side === 'away' ? row.homeDescription : '';
  const parts = [own, other, row.neutralDescription].filter((t) => t !== '');
  return parts.length > 0 ? parts.join('; ') : (MARKERS[row.msgType] ?? '');
}

function gameEnd(rows: readonly PbpRow[], count: number, period: number, home: number, away: number): FeedAction {
  return {
    actionNumber: Math.max(0, ...rows.map((r) => r.eventNum)) + 1,
    orderNumber: (count + 1) * ORDER_STEP,
    clock: isoClock(0),
    timeActual: undefined,
    period,
    periodType: period <= 4 ? 'REGULAR' : 'OVERTIME',
    teamId: undefined,
    teamTricode: undefined,
    actionType: 'game',
    subType: 'end',
    isFieldGoal: 0,
    shotResult: undefined,
    scoreHome: String(home),
    scoreAway: String(away),
    edited: undefined,
    description: 'Game End',
    possession: 0,
  };
}
