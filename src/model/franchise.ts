/**
 * Tricodes a franchise played under before it moved or was renamed, mapped to its current one, so
 * a team's strength carries across the move: Vancouver became Memphis, the Charlotte Hornets moved
 * to New Orleans (and played two seasons in Oklahoma City as NOK), Seattle became Oklahoma City,
 * New Jersey became Brooklyn.
 */
const CURRENT: Readonly<Record<string, string>> = { VAN: 'MEM', CHH: 'NOP', NOH: 'NOP', NOK: 'NOP', SEA: 'OKC', NJN: 'BKN' };

/** The franchise a tricode belongs to (its current tricode). */
export function franchiseOf(tricode: string): string {
  return CURRENT[tricode] ?? tricode;
}
