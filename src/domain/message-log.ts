/**
 * The durable history of broadcast messages, and the once-per-game records a message can send.
 * The store implements it; the broadcaster writes through it (structurally: it never imports the
 * store).
 */

/**
 * The once-per-game record a message sends: the forecast of a game by a model version, or a game's
 * halftime grade (also when an exact grade replaces an approximate one). The log marks it sent,
 * with the message's seq, in the same transaction that appends the message, so after a crash a
 * record is either in the log (and resumable) or still unsent (and sent once), never both.
 */
export type DurableKey =
  | { readonly kind: 'forecast'; readonly gameId: string; readonly modelVersion: string }
  | { readonly kind: 'halftime'; readonly gameId: string };

export interface LoggedMessage {
  readonly seq: number;
  /** The message exactly as it was sent. */
  readonly json: string;
}

/** A message to append, with the record it sends, if any. */
export interface LogEntry extends LoggedMessage {
  readonly key?: DurableKey | undefined;
}

/**
 * A bounded history of broadcast messages that survives restarts, so a client can resume across
 * one. Append before sending: a resuming client must never have seen a message the log lacks.
 */
export interface MessageLog {
  /**
   * Appending with a new epoch drops the old epoch's history. `seq` must increase within an epoch.
   * With `key`, that record is marked sent with `seq` in the same transaction.
   */
  appendMessage(seq: number, epoch: string, json: string, key?: DurableKey): void;
  /**
   * Up to `limit` messages after `afterSeq`, oldest first; `null` when the log cannot vouch for a
   * complete replay from there (another epoch, pruned history, or a seq it never issued).
   */
  messagesSince(epoch: string, afterSeq: number, limit: number): readonly LoggedMessage[] | null;
  /** The newest logged message's epoch and seq, to continue numbering after a restart. */
  messageLogHead(): { readonly epoch: string; readonly seq: number } | null;
}
