import { ModelError } from './errors.ts';
import { TRIGGER_MINUTE } from '../domain/minutes.ts';

/** Rejects anything but d1..d18 as finite numbers, naming the offending minute. */
export function assertPattern(pattern: readonly number[]): void {
  if (!Array.isArray(pattern) || pattern.length !== TRIGGER_MINUTE) {
    throw new ModelError('invalid_pattern', `pattern must have ${TRIGGER_MINUTE} minutes (d1..d18), got ${Array.isArray(pattern) ? pattern.length : typeof pattern}`);
  }
  for (let k = 0; k < TRIGGER_MINUTE; k++) {
    if (!Number.isFinite(pattern[k])) throw new ModelError('invalid_pattern', `pattern d${k + 1} must be a finite number, got ${String(pattern[k])}`);
  }
}
