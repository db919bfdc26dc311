/** Reading a `/metrics` scrape in tests. */

/**
 * The value of one series in Prometheus' text format, exactly as written (prom-client writes NaN as
 * `Nan`), or undefined when the series is not exposed. `series` is the name with its labels, if
 * any, as they appear: `courtside_playbyplay_bodies_total{read="whole"}`.
 */
export function seriesValue(text: string, series: string): string | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line?.slice(series.length + 1);
}
