/**
 * The part of a WebSocket this client uses: the browser's `WebSocket`, Node ≥ 22's global one and
 * the `ws` package's class all fit, so none of them is a dependency.
 */
/** `WebSocket.OPEN`, the same in every implementation. */
export const OPEN = 1;
/** The injected constructor, else the global one (browsers, Node ≥ 22), else undefined (Node 20). */
export function findWebSocket(injected) {
    return injected ?? globalThis.WebSocket;
}
//# sourceMappingURL=socket.js.map