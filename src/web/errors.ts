/** Codes that callers can branch on; messages are for people and may change. */
export type WebErrorCode = 'ERR_WEB_OPTIONS' | 'ERR_WEB_ROOT' | 'ERR_WEB_BUILD';

export class WebError extends Error {
  readonly code: WebErrorCode;

  constructor(code: WebErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebError';
    this.code = code;
  }
}
