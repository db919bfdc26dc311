/**
 * Turns a request target into path segments under the dashboard's root, or null when the target
 * can only be an attempt to leave it. Deliberately strict: the dashboard's own URLs are plain
 * names, so anything odd (dot segments, encoded separators, NUL, dotfiles, absolute-form or
 * backslashes) is refused rather than normalised into something that might resolve.
 */
export function requestSegments(target: string | undefined): string[] | null {
  if (!target?.startsWith('/')) return null;
  const end = target.search(/[?#]/);
  const raw = end === -1 ? target : target.slice(0, end);
  if (raw.includes('\\')) return null;
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '') continue;
    let name: string;
    try {
      name = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (name.startsWith('.') || /[/\\\0]/.test(name)) return null;
    segments.push(name);
  }
  // A directory means its index; only the root has one in a Vite build, others simply 404.
  if (segments.length === 0 || raw.endsWith('/')) segments.push('index.html');
  return segments;
}
