/**
 * Reads a season of stats.nba.com `playbyplayv2` rows (`pbp_<season>.csv`). Descriptions are quoted
 * and contain commas, so fields go through csv-parse; every row is validated and the first bad one
 * throws a `ReplayRowError` naming file, line and column. When only some games are wanted (one
 * night), records are picked by their game id before parsing, which keeps a night load well under
 * a second on a 42 MB season. Records without any quote are split on commas directly, which is
 * exactly what a CSV parser does with them, and is what keeps a whole-season load at ~1.5 s of CPU
 * (csv-parse alone took ~2.7 s on the 562k rows of 2017-18, which has no quoted field at all).
 */
import { parse } from 'csv-parse/sync';
import { firstField, recordSpans, type RecordSpan } from './csv-records.ts';
import { ReplayError, ReplayRowError } from './errors.ts';
import { PBP_COLUMNS, toRow, type PbpRow } from './pbp-row.ts';

export { PBP_COLUMNS, type PbpRow, type PbpScore } from './pbp-row.ts';

/** Rows of `text` (all of them, or only those of `games`), in file order. */
export function parsePlayByPlay(text: string, file: string, games?: ReadonlySet<string>): PbpRow[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const spans = recordSpans(body);
  const header = spans.next();
  if (header.done || body.slice(header.value.start, header.value.end) !== PBP_COLUMNS.join(',')) {
    throw new ReplayError('replay_header', `${file}:1: header must be exactly ${PBP_COLUMNS.join(',')}`);
  }
  const kept: RecordSpan[] = [];
  for (const span of spans) {
    if (!games || games.has(firstField(body, span))) kept.push(span);
  }
  if (kept.length === 0) return [];
  const records = parseKept(body, kept, file);
  const rows = new Array<PbpRow>(records.length);
  for (let i = 0; i < records.length; i++) rows[i] = toRow(records[i] as string[], file, (kept[i] as RecordSpan).line);
  return rows;
}

function parseKept(body: string, kept: readonly RecordSpan[], file: string): string[][] {
  const records = new Array<string[]>(kept.length);
  const quoted: RecordSpan[] = [];
  for (let i = 0; i < kept.length; i++) {
    const span = kept[i] as RecordSpan;
    if (span.quoted) quoted.push(span);
    else records[i] = body.slice(span.start, span.end).split(',');
  }
  if (quoted.length > 0) {
    const parsed = parseQuoted(body, quoted, file);
    for (let i = 0, q = 0; i < kept.length; i++) if ((kept[i] as RecordSpan).quoted) records[i] = parsed[q++] as string[];
  }
  return records;
}

function parseQuoted(body: string, spans: readonly RecordSpan[], file: string): string[][] {
  const chunk = spans.map((s) => body.slice(s.start, s.end)).join('\n');
  let parsed: string[][];
  try {
    parsed = parse(chunk, { relax_column_count: true }) as string[][];
  } catch (cause) {
    // csv-parse counts the records it finished: the failing one is the next, named by where it starts.
    const err = cause as { records?: unknown; column?: unknown; message: string };
    const index = typeof err.records === 'number' ? Math.min(err.records, spans.length - 1) : 0;
    const column = typeof err.column === 'number' ? (PBP_COLUMNS[err.column] ?? String(err.column)) : String(err.column ?? '?');
    // Its own line numbers count within the records handed to it, not the file: drop them.
    const problem = err.message.replace(/ at line \d+/g, '');
    throw new ReplayRowError(file, (spans[index] as RecordSpan).line, column, problem, { cause });
  }
  // A record the scanner saw as one but csv-parse split differently (a stray quote): name it.
  if (parsed.length !== spans.length) {
    const first = spans[Math.min(parsed.length, spans.length - 1)] as RecordSpan;
    throw new ReplayRowError(file, first.line, '?', 'unbalanced quotes');
  }
  return parsed;
}
