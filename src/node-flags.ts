/**
 * The V8 flags the service runs under: `npm start`, `npm run courtside`, `bin/courtside.js`, and
 * the benches, which run the service in their own process. A young generation fixed at 32 MB per
 * semi-space, where V8's default starts at 1 MB and grows to 16 MB. On the latency bench's busy
 * night the service pauses for GC about once a second, 4–12 ms at the longest on the 2-core bench
 * machine, and a pause inside a scoreboard burst holds up every delivery of it. Measured there
 * (docs/benchmarks.md): 94–96 pauses per 120 s window instead of 107–115, and in every run so far
 * under these flags no delivery of the p99 tail was in a burst a pause held up, where under the
 * default GC held up part of the tail in most runs. Cost: up to 32 MB more resident memory.
 */
export const SERVICE_NODE_FLAGS = ['--min-semi-space-size=32', '--max-semi-space-size=32'] as const;
