/**
 * A game's status as Courtside reports it, on the wire and in the store. `TBD`, `Postponed` and
 * `Cancelled` are games that are off: never tipped off and not (or not yet) going to be played,
 * such as a playoff game played "if necessary". They may turn `Scheduled` again, or leave the
 * board (and then the snapshot).
 */
export const GAME_STATUSES = ['Scheduled', 'In Progress', 'Halftime', 'Final', 'TBD', 'Postponed', 'Cancelled'] as const;
export type GameStatus = (typeof GAME_STATUSES)[number];

/** A game that is off, for now or for good: nothing to wait for and nothing to follow. */
const OFF: ReadonlySet<GameStatus> = new Set<GameStatus>(['TBD', 'Postponed', 'Cancelled']);

export function isOff(status: GameStatus): boolean {
  return OFF.has(status);
}
