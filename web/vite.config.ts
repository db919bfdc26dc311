import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { BUNDLE_BUDGET_GZIP_BYTES, formatKb, measureBundle } from '../src/web/bundle-size.ts';

/** Prints the whole bundle's gzipped size after every build and fails one over the budget. */
function bundleBudget(): Plugin {
  let outDir = '';
  let log: (line: string) => void = console.log;
  return {
    name: 'courtside-bundle-budget',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      // Vite's logger honours --logLevel, so a quiet build (ensureDashboardBuilt) stays quiet.
      log = (line) => config.logger.info(line);
    },
    async closeBundle() {
      const size = await measureBundle(outDir);
      const line = `dashboard bundle: ${formatKb(size.gzipBytes)} gzipped, ${formatKb(size.bytes)} raw (budget ${formatKb(BUNDLE_BUDGET_GZIP_BYTES)} gzipped)`;
      if (size.gzipBytes > BUNDLE_BUDGET_GZIP_BYTES) throw new Error(`${line}: over budget`);
      log(line);
    },
  };
}

/**
 * The dashboard build. Root is this folder wherever Vite is started from, so
 * `vite build --config web/vite.config.ts` and `ensureDashboardBuilt()` produce the same `web/dist`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [solid(), bundleBudget()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One small entry chunk: nothing to preload, so no polyfill for it either.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
});
