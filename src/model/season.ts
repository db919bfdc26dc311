/**
 * The NBA season a date belongs to. Regular seasons start in October (December in lockout years)
 * and end by May, so anything from September on opens the next season.
 */
export function seasonOfDate(gameDate: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(gameDate);
  if (!m) return undefined;
  const year = Number(m[1]);
  const start = Number(m[2]) >= 9 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
