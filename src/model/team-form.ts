import type { GameRecord } from './dataset.ts';
import { previousSeason } from './dataset.ts';

/** How many of the ascending `YYYY-MM-DD` dates fall strictly before `date` (binary search). */
export function countBefore(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((dates[mid] as string) < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What a team's earlier games of a season say, seen from that team. */
export interface TeamForm {
  /** Earlier games this season. */
  readonly games: number;
  /** Sum of final margins (points for minus against). */
  readonly margin: number;
  /** Sum of halftime margins. */
  readonly half: number;
  /** Sum of the change over minutes 18..24 of the first half. */
  readonly tail: number;
}

const NONE: TeamForm = { games: 0, margin: 0, half: 0, tail: 0 };

interface Ledger {
  readonly dates: string[];
  /** Running sums after each game, [margin, half, tail] per entry. */
  readonly sums: number[];
}

/**
 * Season-to-date team records built from finished games. A query only sees games dated strictly
 * before the asked date: games of the same night are played at the same time, so none of them is
 * known at 18:00 of another.
 */
export class TeamHistory {
  readonly #ledgers = new Map<string, Ledger>();

  constructor(games: Iterable<GameRecord>) {
    const sorted = [...games].sort((a, b) => (a.gameDate < b.gameDate ? -1 : a.gameDate > b.gameDate ? 1 : 0));
    for (const g of sorted) {
      const final = g.otPeriods > 0 ? g.finalHome - g.finalAway : (g.d[47] as number);
      const half = g.d[23] as number;
      const tail = half - (g.d[17] as number);
      this.#push(g.season, g.homeTeam, g.gameDate, final, half, tail);
      this.#push(g.season, g.awayTeam, g.gameDate, -final, -half, -tail);
    }
  }

  #push(season: string, team: string, date: string, margin: number, half: number, tail: number): void {
    const key = `${season}|${team}`;
    let ledger = this.#ledgers.get(key);
    if (!ledger) this.#ledgers.set(key, (ledger = { dates: [], sums: [] }));
    const n = ledger.dates.length;
    const s = ledger.sums;
    ledger.dates.push(date);
    s.push((s[3 * n - 3] ?? 0) + margin, (s[3 * n - 2] ?? 0) + half, (s[3 * n - 1] ?? 0) + tail);
  }

  /** The team's record in `season` from games before `beforeDate`; empty when unknown. */
  form(season: string, team: string, beforeDate: string): TeamForm {
    const ledger = this.#ledgers.get(`${season}|${team}`);
    if (!ledger) return NONE;
    const lo = countBefore(ledger.dates, beforeDate);
    if (lo === 0) return NONE;
    const s = ledger.sums;
    return { games: lo, margin: s[3 * lo - 3] as number, half: s[3 * lo - 2] as number, tail: s[3 * lo - 1] as number };
  }

  /** The team's whole record of the season before `season`; empty when unknown (e.g. relocated). */
  previous(season: string, team: string): TeamForm {
    return this.form(previousSeason(season), team, '9999-12-31');
  }
}
