/**
 * A raw-response tap on the feed client: every HTTP response the client receives, as it was
 * received (status, headers, body bytes after the transfer's gzip is undone), before it is
 * parsed. The recorder archives a night through it; the client waits for the tap, so a
 * response is only acted on once whoever tapped it has it.
 */

export interface RawFeedResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  /** Empty for a 304. */
  readonly body: Uint8Array;
  /** The client's clock (its `now` option) when the request was sent and when the body had arrived. */
  readonly sentAt: number;
  readonly receivedAt: number;
}

/** Called once per response, retries included; a rejection fails that request. */
export type ResponseTap = (response: RawFeedResponse) => void | Promise<void>;
