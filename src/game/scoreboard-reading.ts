/**
 * One scoreboard entry read into where the game stands. Bad input never loses the game: a clock
 * that cannot be read leaves the position unknown and says so, and the rest of the entry stands.
 */
import { ClockError, readClock } from './clock.ts';
import type { GameStatus } from '../domain/game-status.ts';
import { gameStatusOf, readStatusText } from './status.ts';
import type { ScoreboardObservation } from './types.ts';

export interface ScoreboardReading {
  readonly status: GameStatus;
  /** Seconds left in the period; undefined when the entry does not say where the game is. */
  readonly secondsLeft: number | undefined;
  /** Set when the clock text could not be read. */
  readonly clockError: ClockError | undefined;
}

export function readScoreboard(obs: ScoreboardObservation): ScoreboardReading {
  const meaning = readStatusText(obs.statusText);
  let secondsLeft: number | undefined;
  let clockError: ClockError | undefined;
  try {
    secondsLeft = readClock(obs.gameClock);
  } catch (error) {
    if (!(error instanceof ClockError)) throw error;
    clockError = error;
  }
  // A live game at a break may show no clock at all; its text says the period is over.
  const atBreak = obs.gameStatus === 2 && (meaning === 'halftime' || meaning === 'period_over');
  if (secondsLeft === undefined && atBreak) secondsLeft = 0;
  return { status: gameStatusOf(obs.gameStatus, obs.period, secondsLeft, meaning), secondsLeft, clockError };
}
