/**
 * Which requests the service worker answers, and how. Pure, so the rules can
 * be tested without a browser.
 *
 * - Only GETs under our own scope: anything else (another origin, a POST) goes
 *   to the network untouched. The CSP already forbids other origins; the
 *   worker must not become a way around it.
 * - Navigations are network-first, so a new deploy is seen at once when online,
 *   with this build's page as the offline fallback.
 * - A request that asked to bypass caches (the weight loader re-downloads with
 *   `cache: 'reload'` after a checksum failure) goes to the network first too:
 *   serving it the same cached bytes would fail the checksum forever.
 * - Range requests (media elements) are answered from a whole cached file when
 *   there is one; partial responses are never stored.
 * - Everything else (hashed assets, wasm, models, samples) is cache-first.
 */
export type Strategy = 'pass' | 'navigation' | 'network-first' | 'range' | 'cache-first';

export interface RequestFacts {
  method: string;
  url: string;
  mode: RequestMode;
  cache: RequestCache;
  /** The Range header, or null. */
  range: string | null;
}

export function strategyFor(r: RequestFacts, scope: string): Strategy {
  if (r.method !== 'GET') return 'pass';
  if (!r.url.startsWith(scope)) return 'pass';
  if (r.mode === 'navigate') return 'navigation';
  if (r.range !== null) return 'range';
  if (r.cache === 'reload' || r.cache === 'no-store' || r.cache === 'no-cache') return 'network-first';
  return 'cache-first';
}

export interface ResponseFacts {
  status: number;
  type: ResponseType;
  redirected: boolean;
  cacheControl: string | null;
}

/**
 * Only whole, successful, same-origin responses are stored: a 206 would later
 * answer a request for the whole file, an error would stick until the next
 * deploy, and a redirected response cannot answer a navigation.
 */
export function isCacheable(r: ResponseFacts): boolean {
  return r.status === 200 && r.type === 'basic' && !r.redirected && !/\bno-store\b/i.test(r.cacheControl ?? '');
}
