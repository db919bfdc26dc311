export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 15_000, minMs: 100 };
export function backoffDelay(attempt, backoff, random) {
    const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.max(backoff.minMs, Math.round(random() * ceiling));
}
//# sourceMappingURL=backoff.js.map