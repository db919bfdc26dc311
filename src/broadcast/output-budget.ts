/**
 * The most the server holds for one client, whatever it sends or fails to read: the bytes its
 * socket has not taken yet plus its backlog. The slow-client threshold, below it, changes what a
 * client is sent; this bound ends the connection (4009) instead of letting one client grow the
 * server's memory, and it covers what nothing else paces: error replies and snapshots. What the
 * current turn wrote counts from the next turn on (a transport's `bufferedAmount` leaves out its
 * burst in progress); the inbound rate limits bound how much one turn can write for one client.
 */
export interface HeldOutput {
  readonly bufferedAmount: number;
  readonly backlog: { readonly bytes: number } | undefined;
}

export class OutputBudget {
  readonly limitBytes: number;

  constructor(limitBytes: number) {
    this.limitBytes = limitBytes;
  }

  /** True when also holding `adding` bytes for this client would pass the budget. */
  exceededBy(client: HeldOutput, adding: number): boolean {
    return client.bufferedAmount + (client.backlog?.bytes ?? 0) + adding > this.limitBytes;
  }

  /** The close reason (at most 123 bytes on the wire). */
  get reason(): string {
    return `output budget: more than ${this.limitBytes} bytes held for this client`;
  }
}
