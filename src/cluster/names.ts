/**
 * Where Courtside lives in NATS: one stream of every per-game message, one subject per game and
 * type (so a consumer can filter by game), and the bucket of the pollers' lease.
 */
export const STREAM = 'COURTSIDE';
export const SUBJECTS = 'courtside.>';
export const LEASE_BUCKET = 'courtside-lease';
export const LEASE_KEY = 'poller';

/** A token NATS takes as one subject level: no dots, wildcards or whitespace. */
const TOKEN = /^[^.*>\s]+$/;

export function subjectOf(gameId: string, type: string): string {
  return `courtside.${token(gameId)}.${type}`;
}

/** Every message about one game: what an edge follows for the clients of that game. */
export function gameSubjects(gameId: string): string {
  return `courtside.${token(gameId)}.>`;
}

function token(gameId: string): string {
  if (!TOKEN.test(gameId)) throw new RangeError(`game id ${JSON.stringify(gameId)} cannot be a NATS subject token`);
  return gameId;
}

/**
 * The protocol's epoch on every edge: the stream's creation time. A stream deleted and made
 * again numbers from 1 anew, so its clients must not resume into it.
 */
export function epochOf(streamCreated: string): string {
  return `nats-${streamCreated}`;
}
