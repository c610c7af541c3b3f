import { describe, expect, it } from 'vitest';
import { parseByteRange } from '../../../src/pwa/byte-range.ts';
import { cacheNameFor, isOfflineCache, staleCaches } from '../../../src/pwa/cache-names.ts';
import { parseCacheIndex, planInstall } from '../../../src/pwa/install-plan.ts';
import { isCacheable, strategyFor, type RequestFacts } from '../../../src/pwa/request-policy.ts';

const SCOPE = 'https://vivify.example/';
const get = (path: string, more: Partial<RequestFacts> = {}): RequestFacts => ({
  method: 'GET', url: new URL(path, SCOPE).href, mode: 'cors', cache: 'default', range: null, ...more,
});

describe('cache names', () => {
  it('one cache per build version, and only ours are ever deleted', () => {
    expect(cacheNameFor('451d0f633e91')).toBe('vivify-offline-451d0f633e91');
    expect(isOfflineCache('vivify-offline-451d0f633e91')).toBe(true);
    expect(isOfflineCache('workbox-precache')).toBe(false);
    const names = ['vivify-offline-aaaaaaaaaaaa', 'vivify-offline-bbbbbbbbbbbb', 'someone-else', 'vivify-models'];
    expect(staleCaches(names, 'bbbbbbbbbbbb')).toEqual(['vivify-offline-aaaaaaaaaaaa']);
    expect(staleCaches(names, 'cccccccccccc')).toEqual(['vivify-offline-aaaaaaaaaaaa', 'vivify-offline-bbbbbbbbbbbb']);
  });
});

describe('which requests the worker answers, and how', () => {
  it('passes through other origins, paths outside its scope and anything but GET', () => {
    expect(strategyFor(get('https://cdn.example/x.js'), SCOPE)).toBe('pass');
    expect(strategyFor(get('/x.js'), 'https://vivify.example/app/')).toBe('pass');
    // A look-alike host that merely starts with our origin's text.
    expect(strategyFor(get('https://vivify.example.evil/x.js'), SCOPE)).toBe('pass');
    expect(strategyFor(get('/api', { method: 'POST' }), SCOPE)).toBe('pass');
  });

  it('navigations are network-first; assets and models cache-first', () => {
    expect(strategyFor(get('/', { mode: 'navigate' }), SCOPE)).toBe('navigation');
    expect(strategyFor(get('/assets/index-CwHq4lhU.js'), SCOPE)).toBe('cache-first');
    expect(strategyFor(get('/models/face_landmark.onnx'), SCOPE)).toBe('cache-first');
  });

  it('a re-download after a failed checksum (cache: reload) goes to the network, not back to the same bytes', () => {
    expect(strategyFor(get('/models/face_landmark.onnx', { cache: 'reload' }), SCOPE)).toBe('network-first');
    expect(strategyFor(get('/models/face_landmark.onnx', { cache: 'no-store' }), SCOPE)).toBe('network-first');
  });

  it('range requests are answered from whole files, never stored', () => {
    expect(strategyFor(get('/samples/voice.wav', { range: 'bytes=0-' }), SCOPE)).toBe('range');
  });

  it('stores only whole, successful, same-origin responses', () => {
    const ok = { status: 200, type: 'basic' as ResponseType, redirected: false, cacheControl: null };
    expect(isCacheable(ok)).toBe(true);
    expect(isCacheable({ ...ok, status: 206 })).toBe(false);
    expect(isCacheable({ ...ok, status: 404 })).toBe(false);
    expect(isCacheable({ ...ok, status: 500 })).toBe(false);
    expect(isCacheable({ ...ok, type: 'opaque', status: 0 })).toBe(false);
    expect(isCacheable({ ...ok, type: 'cors' })).toBe(false);
    expect(isCacheable({ ...ok, redirected: true })).toBe(false);
    expect(isCacheable({ ...ok, cacheControl: 'private, no-store' })).toBe(false);
    expect(isCacheable({ ...ok, cacheControl: 'max-age=0' })).toBe(true);
  });
});

describe('install: copy what an older build already holds', () => {
  const entries = [
    { url: 'assets/ffmpeg-core-CgUfceKH.wasm', rev: 'aaaa000000000000', bytes: 32e6 },
    { url: 'models/face_landmark.onnx', rev: 'bbbb000000000000', bytes: 2e6 },
    { url: 'index.html', rev: 'cccc000000000001', bytes: 700 },
  ];

  it('copies same-revision entries and downloads changed or new ones', () => {
    const previous = [
      parseCacheIndex('vivify-offline-old1', { revs: { 'assets/ffmpeg-core-CgUfceKH.wasm': 'aaaa000000000000', 'index.html': 'cccc000000000000' } }),
      parseCacheIndex('vivify-offline-old2', { revs: { 'models/face_landmark.onnx': 'bbbb000000000000' } }),
    ];
    const plan = planInstall(entries, previous);
    expect(plan.copy.map((c) => [c.entry.url, c.from])).toEqual([
      ['assets/ffmpeg-core-CgUfceKH.wasm', 'vivify-offline-old1'],
      ['models/face_landmark.onnx', 'vivify-offline-old2'],
    ]);
    // index.html changed its bytes under the same name: downloaded again.
    expect(plan.fetch.map((e) => e.url)).toEqual(['index.html']);
  });

  it('downloads everything on a first install or from a malformed index', () => {
    expect(planInstall(entries, []).fetch).toHaveLength(3);
    expect(planInstall(entries, [parseCacheIndex('x', null), parseCacheIndex('y', { revs: { 'index.html': 7 } }), parseCacheIndex('z', 'junk')]).fetch).toHaveLength(3);
  });
});

describe('byte ranges', () => {
  it('reads the forms media elements send', () => {
    expect(parseByteRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseByteRange('bytes=100-199', 1000)).toEqual({ start: 100, end: 199 });
    expect(parseByteRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('a range past the end is unsatisfiable (416); a malformed or multi-range header is ignored (whole file)', () => {
    expect(parseByteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=200-100', 1000)).toBeNull();
    expect(parseByteRange('bytes=0-1,5-9', 1000)).toBeNull();
    expect(parseByteRange('items=0-1', 1000)).toBeNull();
    expect(parseByteRange('bytes=-', 1000)).toBeNull();
  });
});
