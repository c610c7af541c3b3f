/**
 * A single `Range: bytes=…` header against a file of known size, so the
 * service worker can answer a media element's range request from a whole
 * cached file. Multiple ranges are not supported; the caller then answers
 * with the whole file, which HTTP allows.
 */
export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

export function parseByteRange(header: string, size: number): ByteRange {
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    // Suffix form: the last n bytes.
    const n = Number(b);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  // last < first is a malformed header, which HTTP says to ignore (not a 416).
  if (b !== '' && Number(b) < start) return null;
  if (start >= size) return 'unsatisfiable';
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  return { start, end };
}
