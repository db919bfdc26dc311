/**
 * The page's own check of every message, on top of the client's: the protocol's zod schemas, so
 * a malformed or hostile message (HTML for a team name) is reported and dropped, never rendered.
 */
import './zod-setup.ts';
import type { ServerMessage as WireMessage } from '../../packages/client/src/index.ts';
import { ServerMessage } from '../../src/protocol/messages.ts';

/** Why the protocol refuses `message` (`score_update: data.away_team: team tricode`), or undefined. */
export function validateMessage(message: WireMessage): string | undefined {
  const parsed = ServerMessage.safeParse(message);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(root)';
  return `${message.type}: ${where}: ${issue?.message ?? 'does not match the protocol'}`;
}
