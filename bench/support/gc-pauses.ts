/**
 * The service process's garbage-collection pauses while a live run is measured, on the runs'
 * timebase (`performance.timeOrigin + performance.now()`). V8 reports each pause as a `gc`
 * performance entry once it is over; a pause that overlaps a burst's path through the service
 * adds its whole length to every delivery of that burst.
 */
import { PerformanceObserver } from 'node:perf_hooks';

export interface GcPause {
  readonly start: number;
  readonly end: number;
}

export interface GcRecording {
  /** Stops recording and returns the pauses seen since `recordGcPauses()`, in order. */
  stop(): GcPause[];
}

export function recordGcPauses(): GcRecording {
  const pauses: GcPause[] = [];
  const take = (entries: readonly PerformanceEntry[]): void => {
    for (const entry of entries) {
      const start = performance.timeOrigin + entry.startTime;
      pauses.push({ start, end: start + entry.duration });
    }
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      take(observer.takeRecords());
      observer.disconnect();
      return pauses.sort((a, b) => a.start - b.start);
    },
  };
}

/** Whether any of `pauses` (sorted by start) overlaps [from, to]. */
export function pausedWithin(pauses: readonly GcPause[], from: number, to: number): boolean {
  for (const p of pauses) {
    if (p.start > to) return false;
    if (p.end >= from) return true;
  }
  return false;
}
