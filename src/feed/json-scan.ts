/**
 * Walking JSON bytes without building values: where a value ends, where the next token starts,
 * what a key says. Enough to find an array inside a document and the bounds of its elements; the
 * values themselves are left to `JSON.parse`. Every function returns -1 (or undefined) instead of
 * throwing on anything it does not expect, and the caller then parses the document whole.
 */
/** The structural bytes of JSON. */
export const BYTE = { QUOTE: 0x22, BACKSLASH: 0x5c, COMMA: 0x2c, COLON: 0x3a, OPEN_BRACE: 0x7b, CLOSE_BRACE: 0x7d, OPEN_BRACKET: 0x5b, CLOSE_BRACKET: 0x5d } as const;
const { QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET } = BYTE;

/** The JSON whitespace bytes: space, tab, line feed, carriage return. */
const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** The first non-whitespace offset at or after `i` (the length when there is none). */
export function skipSpace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && isSpace(bytes[i])) i++;
  return i;
}

/** Offset just past the string starting at `i` (a `"`), or -1 when it never closes. */
export function skipString(bytes: Uint8Array, i: number): number {
  if (bytes[i] !== QUOTE) return -1;
  for (let j = i + 1; j < bytes.length; j++) {
    const b = bytes[j];
    if (b === BACKSLASH) j++;
    else if (b === QUOTE) return j + 1;
  }
  return -1;
}

/**
 * Offset just past the value starting at `i` (no leading whitespace), or -1 when it is cut off.
 * Brackets are only counted, not matched: `JSON.parse` of the span catches a `[}` mix.
 */
export function skipValue(bytes: Uint8Array, i: number): number {
  const first = bytes[i];
  if (first === QUOTE) return skipString(bytes, i);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A number, true, false or null: runs to the next delimiter.
    let j = i;
    while (j < bytes.length && !isDelimiter(bytes[j])) j++;
    return j > i ? j : -1;
  }
  let depth = 0;
  for (let j = i; j < bytes.length; j++) {
    const b = bytes[j];
    if (b === QUOTE) {
      j = skipString(bytes, j) - 1;
      if (j < 0) return -1;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

const isDelimiter = (b: number | undefined): boolean =>
  b === BYTE.COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET || b === BYTE.COLON || isSpace(b);

/** The key of the string at `start..end` when it is plain ASCII without escapes, else undefined. */
export function plainKey(bytes: Uint8Array, start: number, end: number): string | undefined {
  let key = '';
  for (let j = start + 1; j < end - 1; j++) {
    const b = bytes[j] as number;
    // An escaped or non-ASCII key could spell "actions" another way: let JSON.parse decide.
    if (b === BACKSLASH || b > 0x7e) return undefined;
    key += String.fromCharCode(b);
  }
  return key;
}

/** Offset of the first byte where `a` from `aStart` and `b` from `bStart` differ (the shorter length when one is a prefix). */
export function firstDifference(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number): number {
  return sameRun(
    Math.min(a.length - aStart, b.length - bStart),
    (from, to) => Buffer.compare(a.subarray(aStart + from, aStart + to), b.subarray(bStart + from, bStart + to)) === 0,
    (i) => a[aStart + i] === b[bStart + i],
  );
}

/** How many trailing bytes `a` and `b` have in common. */
export function sameSuffix(a: Uint8Array, b: Uint8Array): number {
  return sameRun(
    Math.min(a.length, b.length),
    (from, to) => Buffer.compare(a.subarray(a.length - to, a.length - from), b.subarray(b.length - to, b.length - from)) === 0,
    (i) => a[a.length - 1 - i] === b[b.length - 1 - i],
  );
}

/**
 * The largest k ≤ n such that bytes [0, k) are the same, given `same(from, to)` over a range (a
 * native comparison) and `sameAt(i)` for one byte. Usually all n are the same (an unchanged body)
 * or nearly all (actions added at the end): one native comparison settles the first case, a binary
 * search of native ones the second.
 */
function sameRun(n: number, same: (from: number, to: number) => boolean, sameAt: (i: number) => boolean): number {
  if (same(0, n)) return n;
  // Invariant: [0, lo) is the same, [0, hi) is not.
  let lo = 0;
  let hi = n;
  while (hi - lo > 64) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (same(lo, mid)) lo = mid;
    else hi = mid;
  }
  while (lo < hi && sameAt(lo)) lo++;
  return lo;
}
