/**
 * Fault windows in basketball terms ("the play-by-play of this game fails from minute 8 to 14"),
 * turned into the fake CDN's `FaultInjector`. Each rule counts what it injected, and remembers the
 * broadcast `seq` at its last injection, so a test can prove the fault really happened and that
 * the stream went on after it.
 */
import { elapsedSeconds } from '../../src/game/clock.ts';
import type { Fault, FaultInjector, FaultRequest } from '../../src/replay/faults.ts';
import { gameStateAt } from '../../src/replay/game-state.ts';
import type { Night, NightGame } from '../../src/replay/night.ts';

export interface FaultRule {
  readonly name: string;
  /** The fault for this request, or undefined to let it through. */
  readonly fault: (request: FaultRequest) => Fault | undefined;
}

export interface RuleRecord {
  hits: number;
  /** Broadcast seq when the rule first fired: messages up to it were sent before the fault. */
  seqAtFirstHit: number;
  /** Broadcast seq when the rule last fired: messages after it were sent after the fault. */
  seqAtLastHit: number;
}

export class FaultPlan {
  readonly records = new Map<string, RuleRecord>();
  readonly #rules: FaultRule[] = [];
  readonly #watches: Array<{ name: string; when: (request: FaultRequest) => boolean }> = [];
  /** Set once the service runs; until then injections are stamped seq 0. */
  seq: () => number = () => 0;

  add(rule: FaultRule): this {
    if (this.records.has(rule.name)) throw new Error(`fault rule ${rule.name} added twice`);
    this.#rules.push(rule);
    this.records.set(rule.name, { hits: 0, seqAtFirstHit: 0, seqAtLastHit: 0 });
    return this;
  }

  /** Records requests that match, like a rule, without changing what they get (e.g. "past midnight"). */
  watch(name: string, when: (request: FaultRequest) => boolean): this {
    this.add({ name, fault: () => undefined });
    this.#watches.push({ name, when });
    return this;
  }

  /** The first rule that has a fault for the request wins. */
  readonly injector: FaultInjector = (request) => {
    for (const watch of this.#watches) if (watch.when(request)) this.#hit(watch.name);
    for (const rule of this.#rules) {
      const fault = rule.fault(request);
      if (!fault) continue;
      this.#hit(rule.name);
      return fault;
    }
    return undefined;
  };

  #hit(name: string): void {
    const record = this.records.get(name) as RuleRecord;
    if (record.hits === 0) record.seqAtFirstHit = this.seq();
    record.hits++;
    record.seqAtLastHit = this.seq();
  }

  record(name: string): RuleRecord {
    const record = this.records.get(name);
    if (!record) throw new Error(`no fault rule ${name}`);
    return record;
  }
}

export function gameOf(night: Night, gameId: string): NightGame {
  const game = night.games.find((g) => g.gameId === gameId);
  if (!game) throw new Error(`${gameId} is not on ${night.date} (games: ${night.games.map((g) => g.gameId).join(', ')})`);
  return game;
}

/** Game time in minutes at a simulated instant: 0 before the tip, Infinity once final. */
export function gameMinuteAt(game: NightGame, now: number): number {
  const state = gameStateAt(game, now);
  if (state.status === 1) return 0;
  if (state.status === 3) return Number.POSITIVE_INFINITY;
  return elapsedSeconds(state.period, state.secondsLeft ?? 0) / 60;
}

/** True while `game` is between game minutes `from` (inclusive) and `to` (exclusive). */
export function duringMinutes(game: NightGame, from: number, to: number): (request: FaultRequest) => boolean {
  return (request) => {
    const minute = gameMinuteAt(game, request.now);
    return minute >= from && minute < to;
  };
}

/** True from simulated instant `from` (inclusive) to `to` (exclusive), epoch ms. */
export function betweenInstants(from: number, to: number): (request: FaultRequest) => boolean {
  return (request) => request.now >= from && request.now < to;
}

export const isPlayByPlayOf = (gameId: string) => (request: FaultRequest): boolean => request.kind === 'playbyplay' && request.gameId === gameId;
export const isScoreboard = (request: FaultRequest): boolean => request.kind === 'scoreboard';

/** `fault` for the requests `which` selects while `when` holds. */
export function windowRule(
  name: string,
  which: (request: FaultRequest) => boolean,
  when: (request: FaultRequest) => boolean,
  fault: (request: FaultRequest) => Fault,
): FaultRule {
  return { name, fault: (request) => (which(request) && when(request) ? fault(request) : undefined) };
}
