/**
 * Gets a model's verified bytes: from the IndexedDB cache when a good copy is
 * there, else from our origin, then stores them. Cache trouble never stops a
 * load; it is reported so the UI can say why the next visit will download again.
 */
import { ModelIntegrityError } from '../contracts/errors.ts';
import type { ProgressCallback } from '../contracts/progress.ts';
import { fetchWeights } from './fetch-weights.ts';
import type { ModelEntry } from './model-manifest.ts';
import { sha256Hex } from './sha256.ts';
import type { WeightCache } from './weight-cache.ts';

export type CacheStatus = 'hit' | 'stored' | 'uncached-quota' | 'uncached-unavailable';

export interface LoadedBytes {
  bytes: ArrayBuffer;
  source: 'cache' | 'network';
  cacheStatus: CacheStatus;
  /** True when a damaged cache entry was found and replaced. */
  repairedCorruptEntry: boolean;
  /** Hashes of older builds of this model removed from the cache. */
  evictedStale: string[];
  warnings: string[];
}

export interface LoadBytesOptions {
  baseUrl: string;
  cache: WeightCache;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export async function loadModelBytes(entry: ModelEntry, opts: LoadBytesOptions): Promise<LoadedBytes> {
  const warnings: string[] = [];
  const stage = `download ${entry.id}`;
  const read = await opts.cache.read(entry.id, entry.sha256);
  if (read.kind === 'hit') {
    opts.onProgress?.({ stage, done: entry.bytes, total: entry.bytes, note: 'from cache' });
    return { bytes: read.bytes, source: 'cache', cacheStatus: 'hit', repairedCorruptEntry: false, evictedStale: [], warnings };
  }
  if (read.kind === 'corrupt') warnings.push(`cached copy of ${entry.id} was damaged (sha256 ${read.actualSha256.slice(0, 12)}…); fetched again`);
  if (read.kind === 'unavailable') warnings.push(`model cache unreadable (${read.reason}); running uncached`);

  const url = new URL(entry.file, opts.baseUrl).href;
  let bytes = await fetchWeights(url, { expectedBytes: entry.bytes, stage, onProgress: opts.onProgress, signal: opts.signal, fetchImpl: opts.fetchImpl });
  let actual = await sha256Hex(bytes);
  if (actual !== entry.sha256) {
    // One retry past the HTTP cache: a stale or truncated copy there is the usual cause.
    bytes = await fetchWeights(url, { expectedBytes: entry.bytes, stage, onProgress: opts.onProgress, signal: opts.signal, cache: 'reload', fetchImpl: opts.fetchImpl });
    actual = await sha256Hex(bytes);
    if (actual !== entry.sha256) {
      throw new ModelIntegrityError(`${entry.id}: expected sha256 ${entry.sha256}, got ${actual} (${bytes.byteLength} bytes)`);
    }
  }

  let cacheStatus: CacheStatus;
  let evictedStale: string[] = [];
  if (read.kind === 'unavailable') {
    cacheStatus = 'uncached-unavailable';
  } else {
    // Store a copy: the caller transfers `bytes` into ORT, and IndexedDB clones asynchronously.
    const write = await opts.cache.write(entry.id, entry.sha256, bytes.slice(0));
    cacheStatus = write.kind === 'stored' ? 'stored' : write.kind === 'quota' ? 'uncached-quota' : 'uncached-unavailable';
    if (write.kind !== 'stored') warnings.push(`could not cache ${entry.id} (${write.reason}); running uncached`);
    else evictedStale = await opts.cache.evictStale(entry.id, entry.sha256).catch(() => []);
  }
  return { bytes, source: 'network', cacheStatus, repairedCorruptEntry: read.kind === 'corrupt', evictedStale, warnings };
}
