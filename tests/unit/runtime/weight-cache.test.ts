import { describe, expect, it } from 'vitest';
import { ModelFetchError, ModelIntegrityError } from '../../../src/contracts/errors.ts';
import type { Progress } from '../../../src/contracts/progress.ts';
import { memoryStore, type KeyValueStore } from '../../../src/runtime/key-value-store.ts';
import { loadModelBytes } from '../../../src/runtime/model-loader.ts';
import type { ModelEntry } from '../../../src/runtime/model-manifest.ts';
import { sha256Hex } from '../../../src/runtime/sha256.ts';
import { WeightCache, isQuotaError } from '../../../src/runtime/weight-cache.ts';
import { buildTestModel } from '../../../models/tools/make-test-model.ts';

const BASE = 'http://vivify.test/models/';

async function fixture() {
  const bytes = buildTestModel();
  const entry: ModelEntry = {
    id: 'vivify-test-conv',
    file: 'vivify-test-conv.onnx',
    bytes: bytes.length,
    sha256: await sha256Hex(bytes),
    inputs: [],
    outputs: [],
    licence: 'Apache-2.0',
    source: 'test',
    precision: 'fp32',
  };
  return { bytes, entry };
}

/** A fetch that serves `body` for the model URL and counts calls, like the app's origin would. */
function fakeOrigin(body: () => Uint8Array, status = 200) {
  const calls: { url: string; cache: RequestCache | undefined }[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, cache: init?.cache });
    // Chunked body, so progress reporting is exercised as with a real download.
    const b = body();
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < b.length; i += 500) c.enqueue(b.slice(i, i + 500));
        c.close();
      },
    });
    return new Response(status === 200 ? stream : null, { status });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

function quotaError(): Error {
  const e = new Error('The quota has been exceeded.');
  e.name = 'QuotaExceededError';
  return e;
}

/** A store whose writes fail the way a full disk or private mode makes IndexedDB fail. */
function failingWrites(err: () => Error): KeyValueStore {
  const inner = memoryStore();
  return { ...inner, set: async () => Promise.reject(err()) };
}

describe('loadModelBytes with the weight cache', () => {
  it('fetches, verifies and stores on the first load, then serves from the cache', async () => {
    const { bytes, entry } = await fixture();
    const origin = fakeOrigin(() => bytes);
    const cache = new WeightCache(memoryStore());
    const progress: Progress[] = [];

    const first = await loadModelBytes(entry, { baseUrl: BASE, cache, fetchImpl: origin.fetchImpl, onProgress: (p) => progress.push(p) });
    expect(first.source).toBe('network');
    expect(first.cacheStatus).toBe('stored');
    expect(new Uint8Array(first.bytes)).toEqual(bytes);
    expect(origin.calls.map((c) => c.url)).toEqual([BASE + entry.file]);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ done: bytes.length, total: bytes.length });

    const second = await loadModelBytes(entry, { baseUrl: BASE, cache, fetchImpl: origin.fetchImpl });
    expect(second.source).toBe('cache');
    expect(origin.calls).toHaveLength(1);
    expect(await cache.list()).toMatchObject([{ id: entry.id, sha256: entry.sha256, bytes: bytes.length }]);
  });

  it('detects a damaged cache entry, evicts it and fetches again', async () => {
    const { bytes, entry } = await fixture();
    const store = memoryStore();
    const cache = new WeightCache(store);
    const origin = fakeOrigin(() => bytes);
    await loadModelBytes(entry, { baseUrl: BASE, cache, fetchImpl: origin.fetchImpl });

    const key = `weights:${entry.id}:${entry.sha256}`;
    const damaged = new Uint8Array(store.data.get(key) as ArrayBuffer);
    damaged[100] = damaged[100]! ^ 1;

    const repaired = await loadModelBytes(entry, { baseUrl: BASE, cache, fetchImpl: origin.fetchImpl });
    expect(repaired.source).toBe('network');
    expect(repaired.repairedCorruptEntry).toBe(true);
    expect(repaired.warnings[0]).toMatch(/damaged/);
    expect(origin.calls).toHaveLength(2);
    expect(await sha256Hex(store.data.get(key) as ArrayBuffer)).toBe(entry.sha256);
  });

  it('treats a truncated or wrongly typed cache value as corrupt', async () => {
    const { bytes, entry } = await fixture();
    for (const bad of [bytes.slice(0, 10).buffer, 'not bytes', { bytes: 1 }]) {
      const store = memoryStore();
      store.data.set(`weights:${entry.id}:${entry.sha256}`, bad);
      const r = await new WeightCache(store).read(entry.id, entry.sha256);
      expect(r.kind).toBe('corrupt');
      expect(store.data.size).toBe(0);
    }
  });

  it('runs uncached and says so when storing hits the quota', async () => {
    const { bytes, entry } = await fixture();
    const origin = fakeOrigin(() => bytes);
    const cache = new WeightCache(failingWrites(quotaError));
    const r = await loadModelBytes(entry, { baseUrl: BASE, cache, fetchImpl: origin.fetchImpl });
    expect(r.source).toBe('network');
    expect(r.cacheStatus).toBe('uncached-quota');
    expect(r.warnings.join()).toMatch(/QuotaExceededError/);
    expect(new Uint8Array(r.bytes)).toEqual(bytes);
    expect(await cache.list()).toEqual([]);
  });

  it('runs uncached when IndexedDB cannot be opened at all', async () => {
    const { bytes, entry } = await fixture();
    const broken: KeyValueStore = {
      get: () => Promise.reject(new DOMException('no IndexedDB in this mode', 'InvalidStateError')),
      set: () => Promise.reject(new Error('unreachable')),
      del: async () => undefined,
      keys: async () => [],
    };
    const r = await loadModelBytes(entry, { baseUrl: BASE, cache: new WeightCache(broken), fetchImpl: fakeOrigin(() => bytes).fetchImpl });
    expect(r.cacheStatus).toBe('uncached-unavailable');
    expect(r.warnings.join()).toMatch(/unreadable/);
  });

  it('retries past the HTTP cache once, then raises ModelIntegrityError for bad bytes from the server', async () => {
    const { bytes, entry } = await fixture();
    const bad = bytes.slice();
    bad[7] = bad[7]! ^ 0xff;
    const origin = fakeOrigin(() => bad);
    const cache = new WeightCache(memoryStore());
    await expect(loadModelBytes(entry, { baseUrl: BASE, cache, fetchImpl: origin.fetchImpl })).rejects.toBeInstanceOf(ModelIntegrityError);
    expect(origin.calls.map((c) => c.cache)).toEqual(['default', 'reload']);
    expect(await cache.list()).toEqual([]);
  });

  it('recovers when only the HTTP-cached copy was bad', async () => {
    const { bytes, entry } = await fixture();
    let n = 0;
    const origin = fakeOrigin(() => (n++ === 0 ? bytes.slice(0, 1000) : bytes));
    const r = await loadModelBytes(entry, { baseUrl: BASE, cache: new WeightCache(memoryStore()), fetchImpl: origin.fetchImpl });
    expect(r.source).toBe('network');
    expect(origin.calls).toHaveLength(2);
  });

  it('raises ModelFetchError for an HTTP error', async () => {
    const { entry } = await fixture();
    const origin = fakeOrigin(() => new Uint8Array(), 404);
    await expect(loadModelBytes(entry, { baseUrl: BASE, cache: new WeightCache(memoryStore()), fetchImpl: origin.fetchImpl })).rejects.toBeInstanceOf(ModelFetchError);
  });

  it('evicts older builds of the same model when a new one is stored', async () => {
    const { bytes, entry } = await fixture();
    const store = memoryStore();
    const cache = new WeightCache(store);
    await cache.write(entry.id, 'a'.repeat(64), new Uint8Array([1, 2, 3]).buffer);
    await cache.write('other-model', 'b'.repeat(64), new Uint8Array([4]).buffer);
    const r = await loadModelBytes(entry, { baseUrl: BASE, cache, fetchImpl: fakeOrigin(() => bytes).fetchImpl });
    expect(r.evictedStale).toEqual(['a'.repeat(64)]);
    expect((await cache.list()).map((m) => m.id)).toEqual(['other-model', entry.id]);
    expect(await cache.clear()).toBe(2);
    expect(store.data.size).toBe(0);
  });
});

describe('isQuotaError', () => {
  it('recognises the names browsers use for a full store, and nothing else', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    const ff = new Error('x');
    ff.name = 'NS_ERROR_DOM_QUOTA_REACHED';
    expect(isQuotaError(ff)).toBe(true);
    expect(isQuotaError(Object.assign(new Error('x'), { code: 22 }))).toBe(true);
    expect(isQuotaError(new Error('network'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});
