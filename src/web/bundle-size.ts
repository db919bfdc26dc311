import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue 4's bar for the production bundle, gzipped (kB as Vite reports them: 1,000 bytes). */
export const BUNDLE_BUDGET_GZIP_BYTES = 150_000;

/** What a browser downloads to show the page; source maps and the favicon are not part of it. */
const PAGE_FILES = /\.(html|js|mjs|css)$/;

export interface BundleFile {
  /** Relative to the dist folder, with `/`. */
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface BundleSize {
  readonly files: readonly BundleFile[];
  readonly bytes: number;
  readonly gzipBytes: number;
}

export async function measureBundle(distDir: string): Promise<BundleSize> {
  const entries = await readdir(distDir, { recursive: true, withFileTypes: true });
  const files: BundleFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !PAGE_FILES.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    const body = await readFile(full);
    // Level 6 is what servers and CDNs use by default: the size people will actually download.
    files.push({ file: path.relative(distDir, full).split(path.sep).join('/'), bytes: body.length, gzipBytes: gzipSync(body).length });
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  return {
    files,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
  };
}

export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
