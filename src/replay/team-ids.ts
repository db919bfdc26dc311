/**
 * The NBA's team ids (`teamId` in the live feed: on the scoreboard, on team actions, and as
 * `possession`), by the franchise's current tricode; a former tricode takes its franchise's id.
 */
import { franchiseOf } from '../model/franchise.ts';

const TEAM_IDS: Readonly<Record<string, number>> = {
  ATL: 1610612737, BOS: 1610612738, CLE: 1610612739, NOP: 1610612740, CHI: 1610612741, DAL: 1610612742,
  DEN: 1610612743, GSW: 1610612744, HOU: 1610612745, LAC: 1610612746, LAL: 1610612747, MIA: 1610612748,
  MIL: 1610612749, MIN: 1610612750, BKN: 1610612751, NYK: 1610612752, ORL: 1610612753, IND: 1610612754,
  PHI: 1610612755, PHX: 1610612756, POR: 1610612757, SAC: 1610612758, SAS: 1610612759, OKC: 1610612760,
  TOR: 1610612761, UTA: 1610612762, MEM: 1610612763, WAS: 1610612764, DET: 1610612765, CHA: 1610612766,
};

/** Ids for tricodes the NBA never used (a hand-made data folder): stable, and never an NBA id. */
const UNKNOWN_BASE = 1_000_000;

export function teamIdOf(tricode: string): number {
  const known = TEAM_IDS[franchiseOf(tricode)];
  if (known !== undefined) return known;
  let hash = 0;
  for (const c of tricode) hash = (hash * 31 + c.charCodeAt(0)) % 1_000_000;
  return UNKNOWN_BASE + hash;
}
