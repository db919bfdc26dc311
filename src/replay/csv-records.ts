/**
 * Finds where each CSV record of a text starts and ends without parsing its fields, so a loader can
 * hand csv-parse only the records it wants (one night out of a 42 MB season) and still report the
 * original line numbers. Quote-aware: a newline inside a quoted field does not end the record.
 */

export interface RecordSpan {
  /** Offset of the record's first character. */
  readonly start: number;
  /** Offset just past the record (its newline and any `\r` excluded). */
  readonly end: number;
  /** 1-based line of the record's start in the whole text. */
  readonly line: number;
  /** Whether the record contains a quote (and so needs a real CSV parser to split). */
  readonly quoted: boolean;
}

/** Every non-blank record of `text`, in order. */
export function* recordSpans(text: string): Generator<RecordSpan> {
  let pos = 0;
  let line = 1;
  // The next quote at or after `pos`, kept across records: searching afresh from every record
  // would rescan the long quote-free stretches again and again.
  let quote = text.indexOf('"');
  while (pos < text.length) {
    const start = pos;
    const startLine = line;
    let quotes = 0;
    let nl: number;
    for (;;) {
      nl = text.indexOf('\n', pos);
      if (nl === -1) nl = text.length;
      while (quote !== -1 && quote < nl) {
        quotes++;
        quote = text.indexOf('"', quote + 1);
      }
      pos = nl + 1;
      line++;
      // An odd count means a quoted field is still open: the newline belongs to it.
      if (quotes % 2 === 0 || nl >= text.length) break;
    }
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (end > start) yield { start, end, line: startLine, quoted: quotes > 0 };
  }
}

/** The first field of a record as written (an enclosing pair of quotes removed). */
export function firstField(text: string, span: RecordSpan): string {
  const quoted = text.charCodeAt(span.start) === 34;
  const from = quoted ? span.start + 1 : span.start;
  const stop = text.indexOf(quoted ? '"' : ',', from);
  return text.slice(from, stop === -1 || stop > span.end ? span.end : stop);
}
