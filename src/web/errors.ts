import { CourtsideError } from '../errors.ts';

/** Codes that callers can branch on; messages are for people and may change. */
export type WebErrorCode = 'invalid_option' | 'web_root' | 'web_build' | 'web_not_built';

export class WebError extends CourtsideError<WebErrorCode> {}
