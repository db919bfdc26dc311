import { minuteDiff, TRIGGER_MINUTE } from '../domain/minutes.ts';
import { ModelError } from './errors.ts';

export type Metric = 'l1' | 'l2';

export interface DejavuParams {
  /** Neighbours whose future changes are pooled. */
  readonly k: number;
  /** Minutes of the recent path matched, ending at minute 18 (1..18). */
  readonly window: number;
  readonly metric: Metric;
  /** Weight of the level (d18) against each minute of the aligned path. */
  readonly levelWeight: number;
}

/** A reference game: its d1..d18 and what happened next (d24 − d18). */
export interface Reference {
  readonly pattern: ArrayLike<number>;
  readonly change: number;
  /**
   * Who and when, so a search made for a game can skip the game itself and everything played
   * from its date on. Either every reference of an index carries both, or none does (training
   * builds its index from earlier seasons only and never needs them).
   */
  readonly gameId?: string;
  /** `YYYY-MM-DD` */
  readonly gameDate?: string;
}

/** The game a search is made for: only references played strictly before its date, never itself, may answer. */
export interface SearchGame {
  readonly gameId: string;
  readonly gameDate: string;
}

/** Each reference row holds d1..d18, aligned (see `DejavuIndex`). */
const STRIDE = TRIGGER_MINUTE;
/** More references than any dataset holds; origins are packed below it in sort keys. */
const ORIGIN_SPAN = 2 ** 25;
/** Cutoff of a search made for no game: after every day, so nothing is skipped. */
const NO_CUTOFF = 2 ** 31;

export function validateDejavuParams(p: DejavuParams, size: number): void {
  if (!Number.isInteger(p.k) || p.k < 1 || p.k > size) throw new ModelError('invalid_option', `dejavu k must be an integer in [1, ${size}], got ${p.k}`);
  if (!Number.isInteger(p.window) || p.window < 1 || p.window > STRIDE) throw new ModelError('invalid_option', `dejavu window must be an integer in [1, ${STRIDE}], got ${p.window}`);
  if (p.metric !== 'l1' && p.metric !== 'l2') throw new ModelError('invalid_option', `dejavu metric must be l1 or l2, got ${String(p.metric)}`);
  if (!(p.levelWeight >= 0 && Number.isFinite(p.levelWeight))) throw new ModelError('invalid_option', `dejavu levelWeight must be a finite number >= 0, got ${p.levelWeight}`);
}

/**
 * Déjà vu (Kang et al.): the future of a path is read off the most similar paths of the past.
 * Margins are often 0 or negative, so paths are aligned additively: each reference row holds
 * [d18, d17 − d18, d16 − d18, …, d1 − d18], newest first, in one flat Float32Array, so a window
 * of w minutes is the first w entries of a row and a scan walks memory in order.
 *
 * Rows are kept sorted by level (d18). The level term alone bounds a row's distance from below,
 * so a search starts at the query's level, widens outwards and stops once the next level cannot
 * beat the k-th best: only games with a nearby d18 are ever scored.
 *
 * A search made for a game skips, as it scans, every row dated on or after that game's day and
 * the game's own row: the replay of a past night must not read its own halftime, or a later
 * game's, off the references. The level bound holds for the rows left, so such a search still
 * stops once the k-th eligible neighbour cannot be beaten; a check per visited row is all it costs.
 */
export class DejavuIndex {
  readonly size: number;
  /** Whether references carry ids and dates, which a search made for a game needs. */
  readonly dated: boolean;
  readonly #rows: Float32Array;
  readonly #changes: Float32Array;
  /** Position in the constructor's list of the reference stored at each row. */
  readonly #origin: Int32Array;
  readonly #rowOf: Int32Array;
  /** Days since 1970-01-01 of the game at each row. */
  readonly #days: Int32Array;
  readonly #firstDay: number;
  readonly #rowById = new Map<string, number>();
  readonly #query = new Float64Array(STRIDE);

  constructor(references: readonly Reference[]) {
    if (references.length === 0) throw new ModelError('dataset_empty', 'dejavu needs at least one reference game');
    if (references.length >= ORIGIN_SPAN) throw new ModelError('invalid_option', `dejavu holds at most ${ORIGIN_SPAN - 1} reference games`);
    this.size = references.length;
    this.dated = references[0]?.gameDate !== undefined;
    const level = (i: number): number => minuteDiff((references[i] as Reference).pattern, TRIGGER_MINUTE);
    const order = Array.from({ length: this.size }, (_, i) => i).sort((a, b) => level(a) - level(b) || a - b);
    this.#origin = Int32Array.from(order);
    this.#rowOf = new Int32Array(this.size);
    order.forEach((i, row) => {
      this.#rowOf[i] = row;
    });
    this.#rows = new Float32Array(this.size * STRIDE);
    this.#changes = new Float32Array(this.size);
    this.#days = new Int32Array(this.size);
    order.forEach((i, row) => {
      const r = references[i] as Reference;
      align(r.pattern, this.#rows, row * STRIDE);
      this.#changes[row] = r.change;
      if (this.dated) this.#date(r, i, row);
      else if (r.gameDate !== undefined || r.gameId !== undefined) throw new ModelError('invalid_option', `dejavu reference ${i} has a gameId or gameDate while reference 0 has no gameDate: give both to every reference or to none`);
    });
    this.#firstDay = this.dated ? this.#days.reduce((a, b) => Math.min(a, b), NO_CUTOFF) : 0;
  }

  #date(r: Reference, i: number, row: number): void {
    const day = dayNumber(r.gameDate);
    if (day === undefined) throw new ModelError('invalid_option', `dejavu reference ${i} has gameDate ${JSON.stringify(r.gameDate)}, expected YYYY-MM-DD`);
    if (typeof r.gameId !== 'string' || r.gameId === '') throw new ModelError('invalid_option', `dejavu reference ${i} has a gameDate but no gameId`);
    if (this.#rowById.has(r.gameId)) throw new ModelError('invalid_option', `dejavu reference ${i} repeats game ${r.gameId}`);
    this.#rowById.set(r.gameId, row);
    this.#days[row] = day;
  }

  /**
   * Positions (in the constructor's list) of the k nearest references, nearest first; equal
   * distances go to the earlier reference, so the answer never depends on the search order.
   * With `game`, only references played before it count, so there may be fewer than k.
   */
  neighbours(pattern: ArrayLike<number>, p: DejavuParams, game?: SearchGame): Int32Array {
    const rows = this.search(pattern, p, true, game);
    return rows.map((row) => this.#origin[row] as number);
  }

  /** Median of the k nearest references' future changes: the forecast of d24 − d18 (NaN if none is eligible). */
  predictChange(pattern: ArrayLike<number>, p: DejavuParams, game?: SearchGame): number {
    const near = this.search(pattern, p, false, game);
    return medianOfChanges(this.#changes, near, near.length);
  }

  /** Future changes of the k nearest references, nearest first. */
  neighbourChanges(pattern: ArrayLike<number>, p: DejavuParams, game?: SearchGame): Float64Array {
    const near = this.search(pattern, p, true, game);
    return Float64Array.from(near, (row) => this.#changes[row] as number);
  }

  /**
   * Storage rows of the k nearest references, nearest first unless `ordered` is false. A game
   * whose date cannot be read has no reference known to precede it, so nothing answers.
   */
  search(pattern: ArrayLike<number>, p: DejavuParams, ordered = true, game?: SearchGame): Int32Array {
    let cutoff = NO_CUTOFF;
    let own = -1;
    if (game !== undefined) {
      if (!this.dated) throw new ModelError('invalid_option', 'dejavu references have no dates, so a search cannot be limited to the games before one');
      cutoff = dayNumber(game.gameDate) ?? this.#firstDay;
      if (cutoff <= this.#firstDay) return new Int32Array(0);
      own = this.#rowById.get(game.gameId) ?? -1;
    }
    const days = this.#days;
    const q = this.#query;
    align(pattern, q, 0);
    const rows = this.#rows;
    const origin = this.#origin;
    const n = this.size;
    const { window: w, levelWeight } = p;
    const k = Math.min(p.k, n);
    const l1 = p.metric === 'l1';
    const q0 = q[0] as number;
    // Max-heap of the k best so far, keyed by (distance, origin): its root is the one to evict.
    const heapD = new Float64Array(k);
    const heapR = new Int32Array(k);
    const heapO = new Int32Array(k);
    let filled = 0;
    let worst = Number.POSITIVE_INFINITY;
    let hi = lowerBound(rows, n, q0);
    let lo = hi - 1;
    while (lo >= 0 || hi < n) {
      const gapLo = lo >= 0 ? q0 - (rows[lo * STRIDE] as number) : Number.POSITIVE_INFINITY;
      const gapHi = hi < n ? (rows[hi * STRIDE] as number) - q0 : Number.POSITIVE_INFINITY;
      const down = gapLo <= gapHi;
      const gap = down ? gapLo : gapHi;
      const bound = levelWeight * (l1 ? gap : gap * gap);
      if (filled === k && bound > worst) break;
      const row = down ? lo-- : hi++;
      if ((days[row] as number) >= cutoff || row === own) continue;
      const o = row * STRIDE;
      let dist = bound;
      for (let j = 1; j < w && dist <= worst; j++) {
        const e = (q[j] as number) - (rows[o + j] as number);
        dist += l1 ? Math.abs(e) : e * e;
      }
      const orig = origin[row] as number;
      if (filled < k) {
        siftUp(heapD, heapR, heapO, filled++, dist, row, orig);
        if (filled === k) worst = heapD[0] as number;
      } else if (worse(heapD[0] as number, heapO[0] as number, dist, orig)) {
        siftDown(heapD, heapR, heapO, k, dist, row, orig);
        worst = heapD[0] as number;
      }
    }
    return ordered ? sortRows(heapD, heapR, heapO, filled, this.#rowOf) : heapR.subarray(0, filled);
  }
}

/**
 * Heap contents nearest first, ties by origin. Distances between integer margins with an
 * integer level weight are integers, so (distance, origin) packs exactly into one double and a
 * plain typed-array sort does it; anything else takes the slower comparator sort.
 */
function sortRows(heapD: Float64Array, heapR: Int32Array, heapO: Int32Array, n: number, rowOf: Int32Array): Int32Array {
  const keys = new Float64Array(n);
  let packed = true;
  for (let j = 0; j < n && packed; j++) {
    const d = heapD[j] as number;
    packed = Number.isInteger(d) && d < 2 ** 27;
    keys[j] = d * ORIGIN_SPAN + (heapO[j] as number);
  }
  if (packed) return Int32Array.from(keys.sort(), (key) => rowOf[key % ORIGIN_SPAN] as number);
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => (heapD[a] as number) - (heapD[b] as number) || (heapO[a] as number) - (heapO[b] as number));
  return Int32Array.from(order, (j) => heapR[j] as number);
}

/** First row whose level is >= the query's. */
function lowerBound(rows: Float32Array, n: number, level: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((rows[mid * STRIDE] as number) < level) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Median of the changes of the first `count` neighbours (they come nearest first). */
export function medianOfChanges(changes: Float32Array, near: Int32Array, count: number): number {
  if (count === 0) return Number.NaN;
  const v = new Float64Array(count);
  for (let j = 0; j < count; j++) v[j] = changes[near[j] as number] as number;
  v.sort();
  const mid = count >> 1;
  return count % 2 === 1 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date, or undefined if it is not a real calendar day.
 * Read digit by digit (no RegExp, no Date): the index dates every reference at start-up.
 */
function dayNumber(date: string | undefined): number | undefined {
  if (date === undefined || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > (MONTH_DAYS[m - 1] as number) + (m === 2 && leap ? 1 : 0)) return undefined;
  // Days from civil (H. Hinnant): years counted from March so the leap day ends them.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The decimal number in text[from, to), or -1 if any character is not a digit. */
function digits(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function align(pattern: ArrayLike<number>, out: Float32Array | Float64Array, offset: number): void {
  const d18 = minuteDiff(pattern, TRIGGER_MINUTE);
  out[offset] = d18;
  for (let j = 1; j < STRIDE; j++) out[offset + j] = minuteDiff(pattern, TRIGGER_MINUTE - j) - d18;
}

// Heap ordered by (distance, origin), largest at the root.
function worse(d1: number, o1: number, d2: number, o2: number): boolean {
  return d1 > d2 || (d1 === d2 && o1 > o2);
}

function siftUp(hd: Float64Array, hr: Int32Array, ho: Int32Array, n: number, d: number, r: number, o: number): void {
  let c = n;
  while (c > 0) {
    const parent = (c - 1) >> 1;
    if (!worse(d, o, hd[parent] as number, ho[parent] as number)) break;
    hd[c] = hd[parent] as number;
    hr[c] = hr[parent] as number;
    ho[c] = ho[parent] as number;
    c = parent;
  }
  hd[c] = d;
  hr[c] = r;
  ho[c] = o;
}

function siftDown(hd: Float64Array, hr: Int32Array, ho: Int32Array, n: number, d: number, r: number, o: number): void {
  let c = 0;
  for (;;) {
    let child = 2 * c + 1;
    if (child >= n) break;
    const right = child + 1;
    if (right < n && worse(hd[right] as number, ho[right] as number, hd[child] as number, ho[child] as number)) child = right;
    if (!worse(hd[child] as number, ho[child] as number, d, o)) break;
    hd[c] = hd[child] as number;
    hr[c] = hr[child] as number;
    ho[c] = ho[child] as number;
    c = child;
  }
  hd[c] = d;
  hr[c] = r;
  ho[c] = o;
}
