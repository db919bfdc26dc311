/**
 * Turning a bad response body into words a person can act on: which HTML page came back instead
 * of JSON, whether the JSON was cut short or just malformed, and which fields failed the schema.
 */
import type { z } from 'zod';

const SNIPPET_CHARS = 80;
const MAX_SCHEMA_PATHS = 3;

/** `HTML page "Access Denied"`, `empty body`, or the start of the body, quoted. */
export function describeBody(body: string): string {
  const text = body.trim();
  if (text === '') return 'empty body';
  if (/^<(!doctype html|html)/i.test(text) || /<(head|body)[\s>]/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    const heading = /<h1[^>]*>([^<]*)<\/h1>/i.exec(text)?.[1]?.trim();
    const name = title || heading;
    return name ? `HTML page "${name}"` : 'HTML page';
  }
  return `body ${JSON.stringify(snippet(text))}`;
}

/** Why `JSON.parse` rejected `body`, telling a cut-off document apart from one that is not JSON. */
export function describeJsonProblem(body: string, error: unknown): string {
  const text = body.trim();
  if (text === '') return 'empty body where JSON was expected';
  if (text.startsWith('<')) return `not JSON: ${describeBody(text)}`;
  const bytes = Buffer.byteLength(body);
  if (isCutShort(text)) return `truncated JSON: the document ends unfinished after ${bytes} bytes`;
  const reason = error instanceof Error ? error.message : String(error);
  return `invalid JSON (${bytes} bytes): ${reason}`;
}

/** `schema mismatch at game.actions[3].scoreHome (…); scoreboard.gameDate (…)`, at most a few paths. */
export function describeSchemaIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, MAX_SCHEMA_PATHS).map((issue) => `${jsonPath(issue.path)} (${issue.message})`);
  const more = error.issues.length - shown.length;
  return `schema mismatch at ${shown.join('; ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** `game.actions[3].scoreHome`; the root is `$`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '$' : out;
}

/**
 * A body is cut short when it ends inside a string or with brackets still open. Scanning beats
 * reading V8's parse messages, whose wording differs between "end of input" and "expected ','".
 */
function isCutShort(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return inString || depth > 0;
}

function snippet(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > SNIPPET_CHARS ? `${oneLine.slice(0, SNIPPET_CHARS)}…` : oneLine;
}
