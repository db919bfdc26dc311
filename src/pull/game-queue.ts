/**
 * Which game the next free worker fetches. From the schedule: its list. Without one: regular-season
 * ids in order (`002YY00001`, `002YY00002`, …) until a run of ids in a row has no documents, which
 * is where the season ends (or, mid-season, where the games not yet played begin). Never more than
 * that run is asked for past the last game found, however many workers there are.
 */

export interface GameQueue {
  /** The next game to fetch; undefined when there is none left. */
  next(): Promise<string | undefined>;
  /** Whether the CDN had the game (enumeration stops after a run of ids it did not have). */
  settle(gameId: string, found: boolean): void;
  /** Enumerated ids the CDN did not have although a later one was there: holes in the season. */
  holes(): string[];
}

/** Regular-season game ids of `season` (`2024-25` → `0022400001`, …), number `n` from 1. */
export function regularSeasonId(season: string, n: number): string {
  return `002${season.slice(2, 4)}${String(n).padStart(5, '0')}`;
}

const LAST_NUMBER = 99_999;

export function listQueue(ids: readonly string[]): GameQueue {
  let i = 0;
  return { next: async () => ids[i++], settle: () => {}, holes: () => [] };
}

/** `present`: ids already pulled, counted as found without a request. */
export function enumerationQueue(season: string, missRun: number, present: ReadonlySet<string>): GameQueue {
  /** found[n]: undefined while unknown. */
  const found: Array<boolean | undefined> = [];
  let issued = 0;
  let lastFound = 0;
  let waiters: Array<() => void> = [];
  const unsettledAfterLastFound = (): boolean => {
    for (let n = lastFound + 1; n <= issued; n++) if (found[n] === undefined) return true;
    return false;
  };
  return {
    async next() {
      for (;;) {
        if (issued >= LAST_NUMBER) return undefined;
        if (issued - lastFound >= missRun) {
          // The run may be broken yet by a game still in flight: wait for it before deciding.
          if (!unsettledAfterLastFound()) return undefined;
          await new Promise<void>((resolve) => waiters.push(resolve));
          continue;
        }
        issued += 1;
        const id = regularSeasonId(season, issued);
        if (!present.has(id)) return id;
        found[issued] = true;
        lastFound = Math.max(lastFound, issued);
      }
    },
    settle(gameId, wasFound) {
      const n = Number(gameId.slice(5));
      found[n] = wasFound;
      if (wasFound) lastFound = Math.max(lastFound, n);
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    },
    holes() {
      const missing: string[] = [];
      for (let n = 1; n < lastFound; n++) if (found[n] === false) missing.push(regularSeasonId(season, n));
      return missing;
    },
  };
}
