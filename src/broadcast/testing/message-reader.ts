/** The messages one test client received, each checked against the wire contract, read in order. */
import { ServerMessage } from '../../protocol/messages.ts';

export class MessageReader {
  /** Every message received so far, in order. */
  readonly messages: ServerMessage[] = [];
  #read = 0;
  #wake: (() => void) | undefined;

  /** One message's text as it arrived; throws if the contract rejects it. */
  protected receive(text: string): void {
    this.messages.push(ServerMessage.parse(JSON.parse(text)));
    this.#wake?.();
  }

  /** The next message not yet read, waiting for it if needed. */
  async next(): Promise<ServerMessage> {
    while (this.#read >= this.messages.length) await new Promise<void>((resolve) => (this.#wake = resolve));
    return this.messages[this.#read++] as ServerMessage;
  }

  /** Reads on until a message of this type, returning it. */
  async nextOf<T extends ServerMessage['type']>(type: T): Promise<Extract<ServerMessage, { type: T }>> {
    for (;;) {
      const message = await this.next();
      if (message.type === type) return message as Extract<ServerMessage, { type: T }>;
    }
  }

  /** Reads every message up to and including the one with this seq. */
  async readThrough(seq: number): Promise<ServerMessage[]> {
    const read: ServerMessage[] = [];
    for (;;) {
      const message = await this.next();
      read.push(message);
      if (message.type !== 'snapshot' && message.type !== 'error' && message.seq >= seq) return read;
    }
  }
}
