/**
 * The base of every error Courtside throws on purpose. `code` is stable and snake_case, for
 * callers to branch on; the message is for people and may change. Each layer narrows `Code` to
 * its own union (`FeedErrorCode`, `StoreErrorCode`, …) and adds the fields its callers need.
 */
export class CourtsideError<Code extends string = string> extends Error {
  readonly code: Code;
  constructor(code: Code, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The code of an error thrown for a wrong constructor or function option, whatever its class. */
export const INVALID_OPTION = 'invalid_option';

/**
 * A wrong option handed to a constructor by code (not by a user): a `TypeError`, as Node's own
 * argument errors are, carrying the same `invalid_option` code as the layers' option errors.
 */
export function invalidOption(owner: string, message: string): TypeError & { readonly code: typeof INVALID_OPTION } {
  return Object.assign(new TypeError(`${owner}: ${message}`), { code: INVALID_OPTION } as const);
}
