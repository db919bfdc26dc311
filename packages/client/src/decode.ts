/**
 * One frame from the socket, read: a message this client knows (checked by `shape.ts`, then by
 * the caller's own `validate`, if any), a message of a type it does not know (a newer server),
 * or something it cannot use, with the reason in words.
 */
import { isKnownType, isRecord, shapeProblem } from './shape.ts';
import type { ServerMessage } from './wire.ts';

/** A stricter check of a well-formed message (e.g. the server's zod schemas): a reason to refuse it, or undefined. */
export type Validate = (message: ServerMessage) => string | undefined;

export type Decoded =
  | { readonly kind: 'message'; readonly message: ServerMessage }
  | { readonly kind: 'unknown'; readonly type: string; readonly message: Readonly<Record<string, unknown>> }
  | { readonly kind: 'invalid'; readonly reason: string };

export function decodeFrame(data: unknown, validate?: Validate): Decoded {
  if (typeof data !== 'string') return invalid('binary frame (the protocol is JSON text)');
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return invalid(`invalid JSON: ${data.slice(0, 60)}`);
  }
  if (!isRecord(json) || typeof json.type !== 'string') return invalid(`not a message (no "type"): ${data.slice(0, 60)}`);
  if (!isKnownType(json.type)) return { kind: 'unknown', type: json.type, message: json };
  const problem = shapeProblem(json.type, json);
  if (problem) return invalid(problem);
  const message = json as unknown as ServerMessage;
  const refused = validate?.(message);
  return refused === undefined ? { kind: 'message', message } : invalid(refused);
}

function invalid(reason: string): Decoded {
  return { kind: 'invalid', reason };
}
