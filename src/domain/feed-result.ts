/** One answer of the NBA feed for a document: a new one, or "not modified" since the last (a 304). */
export type FeedResult<T> =
  | { readonly kind: 'fresh'; readonly document: T; readonly receivedAt: number }
  | { readonly kind: 'not_modified'; readonly receivedAt: number };
