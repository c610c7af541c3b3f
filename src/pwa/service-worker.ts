/**
 * Vivify's service worker: the studio, its engines and its default models
 * keep working with the network cut after one visit.
 *
 * sw.js is this bundle with the build's precache manifest assigned to a
 * global just before it (build/pwa-plugin.ts writes both), so this code is
 * the same for every build and only the data changes.
 *
 * Lifecycle: install fills this build's cache (copying unchanged files from
 * the previous build's cache, downloading the rest, each checked against its
 * revision); activate deletes the other builds' caches and takes control of
 * open pages. A new build waits until its pages are closed, or until the page
 * asks it to take over (`skip-waiting`): an old page could otherwise ask for
 * a hashed chunk that only the deleted cache held.
 */
import { cacheNameFor, isOfflineCache, staleCaches } from './cache-names.ts';
import { planInstall, parseCacheIndex, type CacheIndex } from './install-plan.ts';
import { INDEX_URL, MANIFEST_GLOBAL, revisionOf, type PrecacheEntry, type PrecacheManifest } from './precache-manifest.ts';
import { parseByteRange } from './byte-range.ts';
import { isCacheable, strategyFor, type Strategy } from './request-policy.ts';
import { STATUS_MESSAGE, SKIP_WAITING_MESSAGE, PROGRESS_MESSAGE, type WorkerStatus, type InstallProgress } from './messages.ts';

declare const self: ServiceWorkerGlobalScope & { [MANIFEST_GLOBAL]: PrecacheManifest };

const manifest = self[MANIFEST_GLOBAL];
const CACHE = cacheNameFor(manifest.version);
const scopeUrl = (path: string) => new URL(path, self.registration.scope).href;
// Entries were stored under bare URLs; a server's Vary (Accept-Encoding, Origin) must not turn a stored file into a miss.
const MATCH: CacheQueryOptions = { ignoreVary: true };

/** Downloads at once during install: enough to keep a link busy; each is held whole in memory to be hashed, and the largest are ~30 MB. */
const INSTALL_CONCURRENCY = 3;

self.addEventListener('install', (event) =>
  event.waitUntil(
    install().catch(async (e: unknown) => {
      // A half-filled cache would sit in storage until some later build activates.
      await caches.delete(CACHE);
      throw e;
    }),
  ),
);
self.addEventListener('activate', (event) => event.waitUntil(activate()));
self.addEventListener('fetch', (event) => {
  const r = event.request;
  const strategy = strategyFor({ method: r.method, url: r.url, mode: r.mode, cache: r.cache, range: r.headers.get('range') }, self.registration.scope);
  if (strategy !== 'pass') event.respondWith(respond(strategy, event));
});
self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type === SKIP_WAITING_MESSAGE) event.waitUntil(self.skipWaiting());
  else if (data?.type === STATUS_MESSAGE) event.waitUntil(status().then((s) => event.ports[0]?.postMessage(s)));
});

async function previousIndexes(): Promise<CacheIndex[]> {
  const out: CacheIndex[] = [];
  for (const name of await caches.keys()) {
    if (!isOfflineCache(name) || name === CACHE) continue;
    const res = await (await caches.open(name)).match(scopeUrl(INDEX_URL));
    out.push(parseCacheIndex(name, res ? await res.json().catch(() => null) : null));
  }
  return out;
}

async function install(): Promise<void> {
  const cache = await caches.open(CACHE);
  const plan = planInstall(manifest.entries, await previousIndexes());
  const total = manifest.entries.reduce((a, e) => a + e.bytes, 0);
  let done = 0;
  const progressed = (e: PrecacheEntry) => {
    done += e.bytes;
    void broadcast({ type: PROGRESS_MESSAGE, version: manifest.version, doneBytes: done, totalBytes: total });
  };

  const toFetch = [...plan.fetch];
  for (const { entry, from } of plan.copy) {
    const res = await (await caches.open(from)).match(scopeUrl(entry.url));
    if (!res) {
      toFetch.push(entry); // evicted since its index was written
      continue;
    }
    await cache.put(scopeUrl(entry.url), res);
    progressed(entry);
  }

  const fetchNext = async (): Promise<void> => {
    for (let e = toFetch.shift(); e; e = toFetch.shift()) {
      await cache.put(scopeUrl(e.url), await download(e));
      progressed(e);
    }
  };
  // Any failure rejects install: the browser keeps the previous build (or none) rather than a half-filled cache.
  await Promise.all(Array.from({ length: INSTALL_CONCURRENCY }, fetchNext));
  const revs = Object.fromEntries(manifest.entries.map((e) => [e.url, e.rev]));
  await cache.put(scopeUrl(INDEX_URL), new Response(JSON.stringify({ version: manifest.version, revs }), { headers: { 'Content-Type': 'application/json' } }));
}

/** Fetches one entry past the HTTP cache and proves it is the build's revision: a stale CDN copy must not be cached under this version. */
async function download(e: PrecacheEntry): Promise<Response> {
  const res = await fetch(scopeUrl(e.url), { cache: 'reload', credentials: 'same-origin' });
  if (!isCacheable({ status: res.status, type: res.type, redirected: res.redirected, cacheControl: null })) {
    throw new Error(`offline precache: ${e.url} answered HTTP ${res.status}`);
  }
  const bytes = await res.arrayBuffer();
  const rev = await revisionOf(bytes);
  if (rev !== e.rev) throw new Error(`offline precache: ${e.url} is revision ${rev}, the build expects ${e.rev}`);
  // The body is stored decoded: a server's Content-Encoding and compressed length would now describe other bytes.
  const headers = new Headers(res.headers);
  headers.delete('Content-Encoding');
  headers.set('Content-Length', String(bytes.byteLength));
  return new Response(bytes, { status: res.status, statusText: res.statusText, headers });
}

async function activate(): Promise<void> {
  await Promise.all(staleCaches(await caches.keys(), manifest.version).map((n) => caches.delete(n)));
  // The page's own request can then start while the worker boots, instead of after it.
  await self.registration.navigationPreload?.enable().catch(() => undefined);
  await self.clients.claim();
}

async function respond(strategy: Exclude<Strategy, 'pass'>, event: FetchEvent): Promise<Response> {
  const cache = await caches.open(CACHE);
  const req = event.request;
  switch (strategy) {
    case 'navigation':
      return navigation(cache, event);
    case 'network-first':
      return fetchAndStore(cache, req, req.url).catch(async (e: unknown) => (await cache.match(req, MATCH)) ?? Promise.reject(e));
    case 'range':
      return rangeFromCache(cache, req);
    case 'cache-first':
      return (await cache.match(req, MATCH)) ?? fetchAndStore(cache, req, req.url);
  }
}

/**
 * Network first, so a new deploy is seen at once. Offline, this build's own
 * index.html: pages are never stored as they come, since a newer deploy's
 * page would then point at chunks this build's cache does not hold.
 */
async function navigation(cache: Cache, event: FetchEvent): Promise<Response> {
  try {
    const preloaded = (await event.preloadResponse) as Response | undefined;
    return preloaded ?? (await fetch(event.request));
  } catch (e) {
    // A single-page app: every path under the scope is the studio.
    return (await cache.match(scopeUrl('index.html'), MATCH)) ?? Promise.reject(e);
  }
}

async function fetchAndStore(cache: Cache, req: Request, key: string): Promise<Response> {
  const res = await fetch(req);
  if (isCacheable(facts(res))) await cache.put(key, res.clone());
  return res;
}

/** A range served from the whole cached file; without one, the network answers and nothing is stored. */
async function rangeFromCache(cache: Cache, req: Request): Promise<Response> {
  const whole = await cache.match(req.url, MATCH);
  if (!whole) return fetch(req);
  const body = await whole.blob();
  const range = parseByteRange(req.headers.get('range') ?? '', body.size);
  if (range === null) return whole;
  const headers = new Headers(whole.headers);
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${body.size}`);
    headers.delete('Content-Length');
    return new Response(null, { status: 416, headers });
  }
  headers.set('Content-Range', `bytes ${range.start}-${range.end}/${body.size}`);
  headers.set('Content-Length', String(range.end - range.start + 1));
  return new Response(body.slice(range.start, range.end + 1), { status: 206, statusText: 'Partial Content', headers });
}

function facts(res: Response) {
  return { status: res.status, type: res.type, redirected: res.redirected, cacheControl: res.headers.get('cache-control') };
}

async function status(): Promise<WorkerStatus> {
  const cache = await caches.open(CACHE);
  let missing = 0;
  for (const e of manifest.entries) if (!(await cache.match(scopeUrl(e.url)))) missing++;
  let cachedBytes = 0;
  for (const req of await cache.keys()) {
    const res = await cache.match(req);
    if (!res) continue;
    const length = Number(res.headers.get('content-length'));
    cachedBytes += Number.isFinite(length) && length > 0 ? length : (await res.blob()).size;
  }
  return { version: manifest.version, precached: manifest.entries.length - missing, precacheTotal: manifest.entries.length, cachedBytes };
}

async function broadcast(message: InstallProgress): Promise<void> {
  for (const c of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) c.postMessage(message);
}
