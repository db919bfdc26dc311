/**
 * Rewrites of served documents that stand for what the real feed does to its own history: an
 * action deleted, a shot edited, an action filed late, a score going backwards, a stale row, a
 * field missing. Anchors are chosen on the whole recorded game up front, so a rewrite stays the
 * same action from one poll to the next while the feed advances.
 */
import { minuteOf, parseClock } from '../../src/game/clock.ts';
import type { FeedAction } from '../../src/replay/convert.ts';
import type { NightGame } from '../../src/replay/night.ts';

type Doc = Record<string, unknown>;
type Actions = FeedAction[];

const SHOTS = new Set(['2pt', '3pt', 'freethrow']);
const isMadeShot = (a: FeedAction): boolean => a.shotResult === 'Made' && SHOTS.has(a.actionType);
const minuteOfAction = (a: FeedAction): number => minuteOf(a.period, parseClock(a.clock));

/** The play-by-play document with its actions rewritten; anything else passes through. */
export function editActions(edit: (actions: Actions) => Actions): (doc: Doc) => Doc {
  return (doc) => {
    const game = doc.game as { actions: Actions } & Doc;
    return { ...doc, game: { ...game, actions: edit(game.actions.map((a) => ({ ...a }))) } };
  };
}

/** The last made shot (or free throw) of game minute `minute`, in game order. */
export function lastShotOfMinute(game: NightGame, minute: number): FeedAction {
  const shot = game.actions.map((t) => t.action).filter((a) => isMadeShot(a) && minuteOfAction(a) === minute).at(-1);
  if (!shot) throw new Error(`${game.gameId} has no made shot in minute ${minute}`);
  return shot;
}

/** The first made field goal of `type` in game minute `minute` or later. */
export function firstFieldGoalFrom(game: NightGame, minute: number, type: '2pt' | '3pt'): FeedAction {
  const shot = game.actions.map((t) => t.action).find((a) => isMadeShot(a) && a.actionType === type && minuteOfAction(a) >= minute);
  if (!shot) throw new Error(`${game.gameId} has no made ${type} from minute ${minute}`);
  return shot;
}

/** Adds points to one side on `from` and every action after it, as a rescored feed would. */
function addPoints(actions: Actions, from: number, side: 'scoreHome' | 'scoreAway', points: number): void {
  for (let i = from; i < actions.length; i++) {
    const a = actions[i] as FeedAction;
    a[side] = String(Number(a[side]) + points);
  }
}

/** The side whose score a made shot moved, read off the running score. */
function scorerOf(actions: Actions, index: number): 'scoreHome' | 'scoreAway' {
  const shot = actions[index] as FeedAction;
  const before = actions.slice(0, index).at(-1);
  return Number(shot.scoreHome) > Number(before?.scoreHome ?? 0) ? 'scoreHome' : 'scoreAway';
}

/** A made three by the home side right after `anchor`, counted in every later score: it will be deleted. */
export function withPhantomThree(anchor: number, actionNumber: number): (actions: Actions) => Actions {
  return (actions) => {
    const i = actions.findIndex((a) => a.actionNumber === anchor);
    if (i < 0) return actions;
    const at = actions[i] as FeedAction;
    const phantom: FeedAction = {
      ...at,
      actionNumber,
      orderNumber: at.orderNumber + 1,
      actionType: '3pt',
      subType: 'Jump Shot',
      shotResult: 'Made',
      isFieldGoal: 1,
      description: 'phantom 3PT Jump Shot (later deleted)',
    };
    const out = [...actions.slice(0, i + 1), phantom, ...actions.slice(i + 1)];
    addPoints(out, i + 1, 'scoreHome', 3);
    return out;
  };
}

/** The two at `anchor` first scored as a three (one point more for its side from then on). */
export function scoredAsThree(anchor: number): (actions: Actions) => Actions {
  return (actions) => {
    const i = actions.findIndex((a) => a.actionNumber === anchor);
    if (i < 0) return actions;
    const shot = actions[i] as FeedAction;
    addPoints(actions, i, scorerOf(actions, i), 1);
    shot.actionType = '3pt';
    shot.description = `${shot.description} (scored as 3PT, to be edited)`;
    return actions;
  };
}

/** The action is not in the feed yet; later scores already count it. */
export function withheld(anchor: number): (actions: Actions) => Actions {
  return (actions) => actions.filter((a) => a.actionNumber !== anchor);
}

/** The action filed late: it appears under a new, higher action number, in its place in game order. */
export function filedAs(anchor: number, actionNumber: number): (actions: Actions) => Actions {
  return (actions) => actions.map((a) => (a.actionNumber === anchor ? { ...a, actionNumber } : a));
}

/** The latest made shot carries a score below what was already shown (a feed glitch). */
export function latestShotGoesBackwards(by: number): (actions: Actions) => Actions {
  return (actions) => {
    const i = actions.findLastIndex(isMadeShot);
    if (i < 0) return actions;
    const shot = actions[i] as FeedAction;
    shot.scoreHome = String(Math.max(0, Number(shot.scoreHome) - by));
    shot.scoreAway = String(Math.max(0, Number(shot.scoreAway) - by));
    return actions;
  };
}

/** The last action of game minute `minute`, whatever it is: where a stale row does most harm. */
export function lastActionOfMinute(game: NightGame, minute: number): FeedAction {
  const action = game.actions.map((t) => t.action).filter((a) => a.actionType !== 'game' && minuteOfAction(a) === minute).at(-1);
  if (!action) throw new Error(`${game.gameId} has no action in minute ${minute}`);
  return action;
}

/**
 * After each anchor, a non-scoring row (an instant replay) carrying a stale 0-0 score, numbered
 * from `firstNumber`. Ending a minute, it would set that minute's d to 0 if any row's score counted.
 */
export function withStaleRows(anchors: readonly number[], firstNumber: number): (actions: Actions) => Actions {
  return (actions) => {
    const out: Actions = [];
    for (const a of actions) {
      out.push(a);
      const k = anchors.indexOf(a.actionNumber);
      if (k < 0) continue;
      const { shotResult: _s, teamTricode: _t, ...rest } = a;
      out.push({
        ...rest, actionNumber: firstNumber + k, orderNumber: a.orderNumber + 1, actionType: 'instantreplay', subType: 'request', isFieldGoal: 0,
        scoreHome: '0', scoreAway: '0', description: 'Instant Replay (stale score)',
      });
    }
    return out;
  };
}

/** The latest action without `field`, as a feed that dropped it would serve it. */
export function latestWithout(field: keyof FeedAction): (actions: Actions) => Actions {
  return (actions) => {
    const last = actions.at(-1);
    if (last) delete last[field];
    return actions;
  };
}

/** One game's scoreboard entry without `field`. */
export function scoreboardEntryWithout(gameId: string, field: string): (doc: Doc) => Doc {
  return (doc) => {
    const board = doc.scoreboard as { games: Doc[] } & Doc;
    const games = board.games.map((g) => {
      if (g.gameId !== gameId) return g;
      const { [field]: _dropped, ...rest } = g;
      return rest;
    });
    return { ...doc, scoreboard: { ...board, games } };
  };
}
