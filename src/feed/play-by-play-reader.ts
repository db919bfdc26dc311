/**
 * Reads play-by-play bodies, parsing only what changed since the game's previous body. The CDN
 * re-sends a live game's whole document (up to ~600 actions, 200-400 KB) every few seconds with a
 * handful of new actions at the end; `JSON.parse` of all of it was most of a poll cycle. Here the
 * bytes of the `game.actions` array are compared with the previous body's: the actions lying wholly
 * inside the identical prefix are the same values as last time and are reused (the very objects,
 * frozen); only the actions from the first differing byte on (new ones, or an edit and everything
 * after it) and the small envelope around the array are parsed.
 *
 * The result is always what `JSON.parse` of the whole body would give. Anything the byte walk does
 * not expect (another layout, duplicate keys, escaped keys, broken JSON) falls back to parsing the
 * whole body, which also produces the usual error for a bad one.
 */
import { BYTE, firstDifference, plainKey, sameSuffix, skipSpace, skipString, skipValue } from './json-scan.ts';

const { COMMA, COLON, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET } = BYTE;

/**
 * Where the actions array of one body lies (element offsets relative to the array's `[`), and
 * which of its elements are the previous body's: a leading run and a trailing run, identical byte
 * for byte; the elements between them are new or changed.
 */
interface Layout {
  readonly arrayStart: number;
  readonly arrayEnd: number;
  readonly starts: number[];
  /** Just past each element. */
  readonly ends: number[];
  /** Elements [0, head) are the previous body's first `head`. */
  readonly head: number;
  /** Elements [tail, length) are the previous body's from index `previousTail` on. */
  readonly tail: number;
  readonly previousTail: number;
}

interface Previous {
  readonly bytes: Uint8Array;
  readonly arrayStart: number;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly actions: readonly unknown[];
}

export interface ReadStats {
  /** Bodies read incrementally against a previous one / parsed whole. */
  incremental: number;
  whole: number;
  /** Actions reused from the previous body / parsed. */
  actionsReused: number;
  actionsParsed: number;
}

export class PlayByPlayReader {
  /** Per document (least recently read first), what the last body looked like. */
  readonly #previous = new Map<string, Previous>();
  readonly stats: ReadStats = { incremental: 0, whole: 0, actionsReused: 0, actionsParsed: 0 };

  constructor(readonly maxDocuments = 32) {}

  /** `JSON.parse` of `body` (UTF-8), reusing what the previous body under `key` already parsed. */
  read(key: string, body: Uint8Array): unknown {
    const previous = this.#previous.get(key);
    this.#previous.delete(key);
    const start = hasBom(body) ? 3 : 0;
    const layout = walkDocument(body, start, previous);
    const document = layout && assemble(body, start, layout, previous);
    if (!layout || !document) {
      this.stats.whole += 1;
      return JSON.parse(decode(body, start, body.length));
    }
    const actions = document.game.actions;
    const parsed = layout.tail - layout.head;
    this.stats.incremental += previous ? 1 : 0;
    this.stats.whole += previous ? 0 : 1;
    this.stats.actionsReused += actions.length - parsed;
    this.stats.actionsParsed += parsed;
    this.#previous.set(key, { bytes: body, arrayStart: layout.arrayStart, starts: layout.starts, ends: layout.ends, actions });
    const oldest = this.#previous.keys().next().value;
    if (this.#previous.size > this.maxDocuments && oldest !== undefined) this.#previous.delete(oldest);
    return document;
  }

  /** Forgets a document's previous body, e.g. when its game is over. */
  forget(key: string): void {
    this.#previous.delete(key);
  }
}

type Envelope = { game: { actions: unknown[] } };

/** The parsed document, or undefined when a parse fails (the caller then parses it whole). */
function assemble(body: Uint8Array, start: number, layout: Layout, previous: Previous | undefined): Envelope | undefined {
  const { arrayStart, arrayEnd, starts, ends, head, tail, previousTail } = layout;
  try {
    const envelope = JSON.parse(decode(body, start, arrayStart + 1) + decode(body, arrayEnd - 1, body.length)) as Envelope;
    let fresh: unknown[] = [];
    if (tail > head) {
      fresh = JSON.parse(`[${decode(body, arrayStart + (starts[head] as number), arrayStart + (ends[tail - 1] as number))}]`) as unknown[];
      for (const action of fresh) Object.freeze(action);
    }
    const actions = envelope.game.actions;
    if (!Array.isArray(actions) || actions.length !== 0 || fresh.length !== tail - head) return undefined;
    const kept = previous?.actions ?? [];
    envelope.game.actions = [...kept.slice(0, head), ...fresh, ...kept.slice(previousTail)];
    return envelope;
  } catch {
    return undefined;
  }
}

/**
 * Walks `{ …, "game": { …, "actions": [ … ], … }, … }` and the elements of the actions array,
 * starting after the elements it shares with `previous`. Undefined for any other shape.
 */
function walkDocument(bytes: Uint8Array, start: number, previous: Previous | undefined): Layout | undefined {
  let layout: Layout | undefined;
  const root = walkObject(bytes, skipSpace(bytes, start), (key, i) => {
    if (key !== 'game') return skipValue(bytes, i);
    if (layout) return -1;
    return walkObject(bytes, i, (gameKey, j) => {
      if (gameKey !== 'actions') return skipValue(bytes, j);
      if (layout) return -1;
      layout = walkArray(bytes, j, previous);
      return layout ? layout.arrayEnd : -1;
    });
  });
  return root >= 0 && skipSpace(bytes, root) === bytes.length ? layout : undefined;
}

/** Calls `onMember(key, valueStart)` (which returns the value's end, or -1) for each member; returns the end. */
function walkObject(bytes: Uint8Array, i: number, onMember: (key: string, valueStart: number) => number): number {
  if (bytes[i] !== OPEN_BRACE) return -1;
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_BRACE) return i + 1;
  for (;;) {
    const keyEnd = skipString(bytes, i);
    if (keyEnd < 0) return -1;
    const key = plainKey(bytes, i, keyEnd);
    // An escaped key might be "game" or "actions" in disguise.
    if (key === undefined) return -1;
    i = skipSpace(bytes, keyEnd);
    if (bytes[i] !== COLON) return -1;
    i = onMember(key, skipSpace(bytes, i + 1));
    if (i < 0) return -1;
    i = skipSpace(bytes, i);
    if (bytes[i] === CLOSE_BRACE) return i + 1;
    if (bytes[i] !== COMMA) return -1;
    i = skipSpace(bytes, i + 1);
  }
}

function walkArray(bytes: Uint8Array, arrayStart: number, previous: Previous | undefined): Layout | undefined {
  if (bytes[arrayStart] !== OPEN_BRACKET) return undefined;
  const reuse = previous ? reusable(previous, bytes, arrayStart) : { head: 0, tailFrom: undefined, tailAt: -1 };
  const { head } = reuse;
  const starts = previous ? previous.starts.slice(0, head) : [];
  const ends = previous ? previous.ends.slice(0, head) : [];
  let i = head > 0 ? arrayStart + (ends[head - 1] as number) : arrayStart + 1;
  for (;;) {
    i = skipSpace(bytes, i);
    if (bytes[i] === CLOSE_BRACKET) return { arrayStart, arrayEnd: i + 1, starts, ends, head, tail: ends.length, previousTail: previous?.ends.length ?? 0 };
    if (ends.length > 0) {
      if (bytes[i] !== COMMA) return undefined;
      i = skipSpace(bytes, i + 1);
    }
    if (previous && reuse.tailFrom !== undefined && i === reuse.tailAt) {
      // Here the new body is back in step with the previous one, and stays so to the end.
      const tail = ends.length;
      const shift = i - arrayStart - (previous.starts[reuse.tailFrom] as number);
      for (let k = reuse.tailFrom; k < previous.ends.length; k++) {
        starts.push((previous.starts[k] as number) + shift);
        ends.push((previous.ends[k] as number) + shift);
      }
      const close = skipSpace(bytes, arrayStart + (ends.at(-1) as number));
      if (bytes[close] !== CLOSE_BRACKET) return undefined;
      return { arrayStart, arrayEnd: close + 1, starts, ends, head, tail, previousTail: reuse.tailFrom };
    }
    const end = skipValue(bytes, i);
    if (end < 0) return undefined;
    starts.push(i - arrayStart);
    ends.push(end - arrayStart);
    i = end;
  }
}

/**
 * What of the previous body's array the new body keeps: its first `head` elements (inside the
 * identical prefix), and from element `tailFrom` on (inside the identical suffix), which in the new
 * body would start at offset `tailAt`.
 */
function reusable(previous: Previous, bytes: Uint8Array, arrayStart: number): { head: number; tailFrom: number | undefined; tailAt: number } {
  const { starts, ends } = previous;
  const same = firstDifference(previous.bytes, previous.arrayStart, bytes, arrayStart);
  let head = 0;
  while (head < ends.length && (ends[head] as number) <= same) head++;
  if (head === ends.length) return { head, tailFrom: undefined, tailAt: -1 };
  // Elements that start inside the identical suffix are the same values, if the new body reaches
  // their start at an element boundary (checked by the walk).
  const suffix = sameSuffix(previous.bytes, bytes);
  const suffixStart = previous.bytes.length - suffix;
  let tailFrom = ends.length;
  while (tailFrom > head && previous.arrayStart + (starts[tailFrom - 1] as number) >= suffixStart) tailFrom--;
  if (tailFrom === ends.length) return { head, tailFrom: undefined, tailAt: -1 };
  const tailAt = previous.arrayStart + (starts[tailFrom] as number) + (bytes.length - previous.bytes.length);
  return { head, tailFrom, tailAt };
}

const hasBom = (b: Uint8Array): boolean => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

function decode(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8');
}
