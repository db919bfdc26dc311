import { ModelError } from './errors.ts';
import { PATTERN_MINUTES } from './predictor.ts';

/** Rejects anything but d1..d18 as finite numbers, naming the offending minute. */
export function assertPattern(pattern: readonly number[]): void {
  if (!Array.isArray(pattern) || pattern.length !== PATTERN_MINUTES) {
    throw new ModelError('invalid_pattern', `pattern must have ${PATTERN_MINUTES} minutes (d1..d18), got ${Array.isArray(pattern) ? pattern.length : typeof pattern}`);
  }
  for (let k = 0; k < PATTERN_MINUTES; k++) {
    if (!Number.isFinite(pattern[k])) throw new ModelError('invalid_pattern', `pattern d${k + 1} must be a finite number, got ${String(pattern[k])}`);
  }
}
