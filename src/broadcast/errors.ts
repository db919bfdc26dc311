/**
 * Errors and close codes of the broadcaster. Errors carry a stable `code` so the pipeline and the
 * CLI can react without parsing messages; close codes are part of the public protocol.
 */
export type BroadcastErrorCode =
  /** A constructor option is missing or out of range. */
  | 'ERR_BROADCAST_OPTION'
  /** A message the service built does not match the wire contract (checked with `validateOutgoing`). */
  | 'ERR_OUTGOING_MESSAGE'
  /** `publish` was handed something that is not a per-game message (snapshots and errors are per client). */
  | 'ERR_NOT_PUBLISHABLE'
  /** A message source delivered a seq that does not follow the last one (`StreamCore.deliver`). */
  | 'ERR_OUT_OF_SEQUENCE'
  /** ws would compress or queue frames, which the raw write path cannot allow (checked at start-up). */
  | 'ERR_WS_PRECONDITION';

export class BroadcastError extends Error {
  readonly code: BroadcastErrorCode;
  constructor(code: BroadcastErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BroadcastError';
    this.code = code;
  }
}

/** WebSocket close codes the server uses (4000-4999 is the range RFC 6455 leaves to applications). */
export const CloseCode = {
  /** `close()`: the server is going away; reconnect and resume. */
  GOING_AWAY: 1001,
  /** ws closes with this itself when a frame exceeds its hard payload cap. */
  MESSAGE_TOO_BIG: 1009,
  /** The snapshot provider failed while greeting the client. */
  INTERNAL_ERROR: 1011,
  /** The client's send buffer stayed above `slowClientBytes` for longer than `slowClientTimeoutMs`. */
  SLOW_CONSUMER: 4008,
  /** What the server held for the client (send buffer and backlog) passed `outputBudgetBytes`. */
  OUTPUT_BUDGET: 4009,
  /** The client sent more messages, subscribes or resumes per second than its limits allow. */
  RATE_LIMITED: 4029,
} as const;

/** Why a connection ended, as counted on `/metrics`; `peer_closed` is the client leaving on its own. */
export const CLOSE_CAUSES = [
  'slow_consumer',
  'output_budget',
  'rate_limited',
  'dead_peer',
  'protocol_error',
  'snapshot_unavailable',
  'shutdown',
  'peer_closed',
] as const;
export type CloseCause = (typeof CLOSE_CAUSES)[number];
