/**
 * Reads one client frame into a protocol message, or into the error the client is owed. Never
 * throws: hostile input is answered, not propagated.
 */
import type { z } from 'zod';
import { CLIENT_MESSAGE_TYPES, ClientMessage, type ERROR_CODES } from '../protocol/messages.ts';
import type { FrameData } from './socket.ts';

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ClientInput =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

const KNOWN_TYPES: ReadonlySet<string> = new Set(CLIENT_MESSAGE_TYPES);

export function readClientFrame(data: FrameData, isBinary: boolean, maxBytes: number): ClientInput {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  if (bytes.length > maxBytes) {
    return rejected('message_too_large', `message of ${bytes.length} bytes exceeds the ${maxBytes}-byte limit`);
  }
  if (isBinary) return rejected('invalid_message', 'binary frames are not accepted: send JSON text');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return rejected('invalid_json', `message is not valid JSON: ${(error as Error).message}`);
  }
  return readClientMessage(parsed, 'message');
}

/** Checks an already-parsed value; `where` prefixes the wording (`message`, `query`). */
export function readClientMessage(value: unknown, where: string): ClientInput {
  const type = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') return rejected('invalid_message', `${where} must be a JSON object with a string "type"`);
  if (!KNOWN_TYPES.has(type)) {
    return rejected('unknown_type', `unknown message type ${JSON.stringify(type)}; expected one of: ${CLIENT_MESSAGE_TYPES.join(', ')}`);
  }
  const result = ClientMessage.safeParse(value);
  if (!result.success) return rejected('invalid_message', `invalid ${type} ${where}: ${describeIssues(result.error.issues)}`);
  return { ok: true, message: result.data };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(message)'}: ${issue.message}`)
    .join('; ');
}

function rejected(code: ErrorCode, message: string): ClientInput {
  return { ok: false, code, message };
}
