/**
 * The V8 flags the service runs under: `npm start`, `npm run courtside`, `bin/courtside.js`, and
 * the benches, which run the service in their own process. A young generation fixed at 32 MB per
 * semi-space. Under V8's default (starting at 1 MB, growing to 16 MB) the service, on the latency
 * bench's busy night, paused for a scavenge or a mark-compact about once a second, 4–12 ms each
 * on the 2-core bench machine, and a pause that falls inside a scoreboard burst holds up every
 * delivery of it. A larger young generation scavenges half as often and promotes less, so fewer
 * mark-compacts follow. Cost: up to 32 MB more resident memory.
 */
export const SERVICE_NODE_FLAGS = ['--min-semi-space-size=32', '--max-semi-space-size=32'] as const;
