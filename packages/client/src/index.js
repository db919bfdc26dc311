/**
 * `@courtside/client`: a typed client for Courtside's real-time NBA stream, for Node ≥ 20 and
 * browsers. See README.md for an example and the whole API.
 */
export { CourtsideClient } from "./client.js";
export { MAX_GAMES } from "./options.js";
export { DEFAULT_BACKOFF } from "./backoff.js";
export { ClientError } from "./errors.js";
export { nightTally } from "./tally.js";
//# sourceMappingURL=index.js.map