/**
 * What `/health` and `/metrics` say about the store: degraded, with the cause and since when,
 * while writes fail for want of storage and the service streams from memory (see `StoreHealth`).
 */
import { Gauge, type Registry } from 'prom-client';
import type { HealthReport } from '../http/api.ts';
import type { StoreHealthState } from '../service/store-health.ts';

/** The health report with a `store` section; a degraded store makes the whole service degraded. */
export function withStoreStatus(report: HealthReport, state: StoreHealthState): HealthReport {
  return {
    ...report,
    status: state.degraded ? 'degraded' : report.status,
    store: {
      status: state.degraded ? 'degraded' : 'ok',
      degraded_since: state.since,
      cause: state.degraded ? state.cause : null,
      pending: state.pending,
      failed_writes: Object.values(state.failures).reduce((a, b) => a + b, 0),
      last_failure: state.cause,
    },
  };
}

export function registerStoreMetrics(registry: Registry, read: () => StoreHealthState): void {
  const registers = [registry];
  new Gauge({ name: 'courtside_store_degraded', help: '1 while store writes fail and the service streams from memory, labelled with the cause (a store error code)', labelNames: ['cause'], registers, collect() {
    const s = read();
    this.reset();
    this.set({ cause: s.degraded ? (s.cause?.code ?? 'unknown') : 'none' }, s.degraded ? 1 : 0);
  } });
  new Gauge({ name: 'courtside_store_degraded_since_timestamp_seconds', help: 'When the current store degradation began (Unix time); NaN when the store is not degraded', registers, collect() {
    const since = read().since;
    this.set(since === null ? Number.NaN : Date.parse(since) / 1000);
  } });
  new Gauge({ name: 'courtside_store_write_failures_total', help: 'Store writes that failed for want of storage, by store error code', labelNames: ['code'], registers, collect() {
    for (const [code, n] of Object.entries(read().failures)) this.set({ code }, n);
  } });
  new Gauge({ name: 'courtside_store_pending_writes', help: 'What waits to be written to the store: messages held for the log, games, forecasts and grades', labelNames: ['kind'], registers, collect() {
    for (const [kind, n] of Object.entries(read().pending)) this.set({ kind }, n);
  } });
}
