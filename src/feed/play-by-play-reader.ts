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
import { firstDifference, plainKey, skipSpace, skipString, skipValue } from './json-scan.ts';

const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Where the actions array of one body lies; element offsets are relative to the array's `[`. */
interface Layout {
  readonly arrayStart: number;
  readonly arrayEnd: number;
  /** Just past each element. */
  readonly ends: number[];
  /** Leading elements identical, byte for byte, to the previous body's. */
  readonly reused: number;
  /** Where the first element after the reused ones starts, if there is one. */
  readonly freshStart: number | undefined;
}

interface Previous {
  readonly bytes: Uint8Array;
  readonly arrayStart: number;
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
    this.stats.incremental += previous ? 1 : 0;
    this.stats.whole += previous ? 0 : 1;
    this.stats.actionsReused += layout.reused;
    this.stats.actionsParsed += actions.length - layout.reused;
    this.#previous.set(key, { bytes: body, arrayStart: layout.arrayStart, ends: layout.ends, actions });
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
  const { arrayStart, arrayEnd, ends, reused, freshStart } = layout;
  try {
    const envelope = JSON.parse(decode(body, start, arrayStart + 1) + decode(body, arrayEnd - 1, body.length)) as Envelope;
    let fresh: unknown[] = [];
    if (freshStart !== undefined) {
      fresh = JSON.parse(`[${decode(body, arrayStart + freshStart, arrayStart + (ends.at(-1) as number))}]`) as unknown[];
      for (const action of fresh) Object.freeze(action);
    }
    const actions = envelope.game.actions;
    if (!Array.isArray(actions) || actions.length !== 0 || fresh.length !== ends.length - reused) return undefined;
    envelope.game.actions = reused > 0 && previous ? [...previous.actions.slice(0, reused), ...fresh] : fresh;
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
  let reused = 0;
  if (previous) {
    const same = firstDifference(previous.bytes, previous.arrayStart, bytes, arrayStart);
    // Elements that end inside the identical prefix are the same values.
    while (reused < previous.ends.length && (previous.ends[reused] as number) <= same) reused++;
  }
  const ends = previous ? previous.ends.slice(0, reused) : [];
  let freshStart: number | undefined;
  let i = reused > 0 ? arrayStart + (ends[reused - 1] as number) : arrayStart + 1;
  for (;;) {
    i = skipSpace(bytes, i);
    if (bytes[i] === CLOSE_BRACKET) return { arrayStart, arrayEnd: i + 1, ends, reused, freshStart };
    if (ends.length > 0) {
      if (bytes[i] !== COMMA) return undefined;
      i = skipSpace(bytes, i + 1);
    }
    const end = skipValue(bytes, i);
    if (end < 0) return undefined;
    freshStart ??= i - arrayStart;
    ends.push(end - arrayStart);
    i = end;
  }
}

const hasBom = (b: Uint8Array): boolean => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

function decode(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8');
}
