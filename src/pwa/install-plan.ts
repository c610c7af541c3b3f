/**
 * How a new build fills its cache. Most bytes (the ONNX Runtime and ffmpeg
 * wasm, the models) rarely change between deploys, so an entry whose revision
 * an older cache already holds is copied from it rather than downloaded again:
 * updating costs only what changed.
 */
import type { PrecacheEntry } from './precache-manifest.ts';

/** What an older cache holds: URL → revision, from the index it wrote when it was filled. */
export interface CacheIndex {
  cacheName: string;
  revs: Record<string, string>;
}

export interface InstallPlan {
  copy: { entry: PrecacheEntry; from: string }[];
  fetch: PrecacheEntry[];
}

export function planInstall(entries: readonly PrecacheEntry[], previous: readonly CacheIndex[]): InstallPlan {
  const plan: InstallPlan = { copy: [], fetch: [] };
  for (const entry of entries) {
    const holder = previous.find((p) => p.revs[entry.url] === entry.rev);
    if (holder) plan.copy.push({ entry, from: holder.cacheName });
    else plan.fetch.push(entry);
  }
  return plan;
}

/** Parses a stored index; anything malformed counts as an empty cache (download again rather than trust it). */
export function parseCacheIndex(cacheName: string, json: unknown): CacheIndex {
  const revs: Record<string, string> = {};
  const raw = (json as { revs?: unknown } | null)?.revs;
  if (raw && typeof raw === 'object') {
    for (const [url, rev] of Object.entries(raw)) if (typeof rev === 'string') revs[url] = rev;
  }
  return { cacheName, revs };
}
