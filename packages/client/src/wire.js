/**
 * The messages of Courtside's WebSocket stream, as plain TypeScript types. The server's zod
 * schemas (`src/protocol/messages.ts`) are the source of truth: `check/wire-check.ts` fails
 * `tsc --noEmit` when these and the schemas stop describing the same values.
 *
 * A newer server may add fields and message types; this client keeps the fields it does not know
 * on the objects it hands out and ignores the message types it does not know.
 */
export {};
//# sourceMappingURL=wire.js.map