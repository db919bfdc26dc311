/**
 * The query string a client may connect with: `?game_ids=a,b` subscribes and `?epoch=E&last_seq=N`
 * resumes as part of the handshake. Resuming there, rather than with a `resume` message after the
 * greeting, is atomic: nothing is sent live before the replay, so order holds on a busy stream.
 */
import type { ClientMessage } from '../protocol/messages.ts';
import { readClientMessage, type ClientInput } from './client-input.ts';

type Subscribe = Extract<ClientMessage, { type: 'subscribe' }>;
type Resume = Extract<ClientMessage, { type: 'resume' }>;
type Problem = Extract<ClientInput, { ok: false }>;

export interface ConnectRequest {
  readonly subscribe: Subscribe | undefined;
  readonly resume: Resume | undefined;
  /** Parameters that were present but wrong; the client is told, and connects without them. */
  readonly problems: readonly Problem[];
}

export function readConnectQuery(params: URLSearchParams): ConnectRequest {
  const problems: Problem[] = [];
  let subscribe: Subscribe | undefined;
  let resume: Resume | undefined;
  const gameIds = params.get('game_ids');
  if (gameIds !== null) {
    const list = gameIds === '*' ? '*' : gameIds.split(',').filter((id) => id !== '');
    const input = readClientMessage({ type: 'subscribe', game_ids: list }, 'query');
    if (input.ok && input.message.type === 'subscribe') subscribe = input.message;
    else if (!input.ok) problems.push(input);
  }
  const epoch = params.get('epoch');
  const lastSeq = params.get('last_seq');
  if (epoch !== null || lastSeq !== null) {
    if (epoch === null || lastSeq === null) {
      problems.push({ ok: false, code: 'invalid_message', message: 'query: resuming needs both epoch and last_seq' });
    } else {
      const seq = /^\d+$/.test(lastSeq) ? Number(lastSeq) : lastSeq;
      const input = readClientMessage({ type: 'resume', epoch, last_seq: seq }, 'query');
      if (input.ok && input.message.type === 'resume') resume = input.message;
      else if (!input.ok) problems.push(input);
    }
  }
  return { subscribe, resume, problems };
}
