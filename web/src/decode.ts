/**
 * Every message from the socket is checked against the protocol's own zod schemas before it can
 * touch the page: a malformed or hostile message is reported and dropped, never rendered.
 */
import './zod-setup.ts';
import { ServerMessage } from '../../src/protocol/messages.ts';

export type Decoded = { readonly ok: true; readonly message: ServerMessage } | { readonly ok: false; readonly reason: string };

export function decodeServerMessage(raw: unknown): Decoded {
  if (typeof raw !== 'string') return { ok: false, reason: 'binary frame (the protocol is JSON text)' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: `invalid JSON: ${raw.slice(0, 60)}` };
  }
  const parsed = ServerMessage.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const type = typeof json === 'object' && json !== null && 'type' in json ? String(json.type) : 'message';
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? issue.path.join('.') : '(root)';
  return { ok: false, reason: `${type}: ${where}: ${issue?.message ?? 'does not match the protocol'}` };
}
