import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../../build/pwa-plugin.ts';
import { ALL_MODEL_SPECS } from '../../../src/analyse/model-specs.ts';
import { PRECACHED_MODEL_IDS, precachedModelFiles } from '../../../src/pwa/offline-models.ts';
import { revisionOf } from '../../../src/pwa/precache-manifest.ts';
import { precacheVersion, selectPrecache, type BuiltFile } from '../../../src/pwa/precache-selection.ts';
import { parseManifest } from '../../../src/runtime/model-manifest.ts';
import { sha256Hex } from '../../../src/runtime/sha256.ts';

const manifest = parseManifest(JSON.parse(readFileSync(new URL('../../../models/manifest.json', import.meta.url), 'utf8')));
const hashText = (t: string) => sha256Hex(new TextEncoder().encode(t));

/** A build output as Vite writes it: hashed assets, public files, every model variant. */
function builtFiles(): BuiltFile[] {
  return [
    { path: 'index.html', bytes: 688 },
    { path: 'sw.js', bytes: 7000 },
    { path: 'assets/index-CwHq4lhU.js', bytes: 142_862 },
    { path: 'assets/index-CwHq4lhU.js.map', bytes: 400_000 },
    { path: 'assets/ort-wasm-simd-threaded.jsep-MDYUKy93.wasm', bytes: 28_312_028 },
    { path: 'assets/ffmpeg-core-CgUfceKH.wasm', bytes: 32_232_419 },
    { path: 'icons/icon-192.png', bytes: 3213 },
    { path: 'samples/.DS_Store', bytes: 10 },
    { path: '.vite/manifest.json', bytes: 100 },
    ...manifest.models.map((m) => ({ path: `models/${m.file}`, bytes: m.bytes })),
  ];
}

const rules = { modelsDir: 'models/', precacheModels: precachedModelFiles(manifest), workerFile: 'sw.js' };

describe('what is precached', () => {
  it('the app shell, the engines and the default fp32 models; variants wait for first use', () => {
    const { precache, deferred } = selectPrecache(builtFiles(), rules);
    const paths = precache.map((f) => f.path);
    expect(paths).toContain('index.html');
    expect(paths).toContain('assets/ort-wasm-simd-threaded.jsep-MDYUKy93.wasm');
    expect(paths).toContain('assets/ffmpeg-core-CgUfceKH.wasm');
    expect(paths).toContain('icons/icon-192.png');
    expect(paths).toContain('models/vivify-test-conv.onnx');
    for (const spec of ALL_MODEL_SPECS) expect(paths).toContain(`models/${spec.id}.onnx`);
    // Never the worker itself, source maps, dotfiles or Vite's own metadata.
    expect(paths.filter((p) => p === 'sw.js' || p.endsWith('.map') || p.includes('/.') || p.startsWith('.'))).toEqual([]);
    const deferredPaths = deferred.map((f) => f.path);
    expect(deferredPaths).toContain('models/pose_landmark_heavy.onnx');
    expect(deferredPaths).toContain('models/face_landmark.fp16.onnx');
    expect(deferredPaths.every((p) => p.startsWith('models/'))).toBe(true);
  });

  it('stays within a storage budget: the default models are a minority of all model bytes', () => {
    const { precache, deferred } = selectPrecache(builtFiles(), rules);
    const modelBytes = (fs: BuiltFile[]) => fs.filter((f) => f.path.startsWith('models/')).reduce((a, f) => a + f.bytes, 0);
    // Measured on the current manifest: 48.6 MB precached against 129.4 MB deferred.
    expect(modelBytes(precache)).toBeLessThan(60e6);
    expect(modelBytes(precache)).toBeLessThan(modelBytes(deferred) / 2);
  });

  it('lists files in a stable order, whatever order the folder walk gave', () => {
    const a = selectPrecache(builtFiles(), rules).precache.map((f) => f.path);
    const b = selectPrecache(builtFiles().reverse(), rules).precache.map((f) => f.path);
    expect(b).toEqual(a);
    expect([...a].sort()).toEqual(a);
  });

  it('fails the build when a default model is missing from it', () => {
    const withoutFaceModel = builtFiles().filter((f) => f.path !== 'models/face_landmark.onnx');
    expect(() => selectPrecache(withoutFaceModel, rules)).toThrow(/models\/face_landmark\.onnx/);
  });

  it('the precached model ids are the analysis defaults plus the self-test model, each in the manifest', () => {
    expect(PRECACHED_MODEL_IDS[0]).toBe('vivify-test-conv');
    expect(new Set(PRECACHED_MODEL_IDS).size).toBe(PRECACHED_MODEL_IDS.length);
    expect(() => precachedModelFiles(manifest, ['no-such-model'])).toThrow(/no-such-model/);
    for (const f of precachedModelFiles(manifest)) expect(f).not.toMatch(/fp16|int8/);
  });
});

describe('the build version', () => {
  const entries = [
    { url: 'index.html', rev: '0011223344556677', bytes: 10 },
    { url: 'models/a.onnx', rev: '8899aabbccddeeff', bytes: 20 },
  ];

  it('is the same for the same files and worker code', async () => {
    expect(await precacheVersion(entries, 'code', hashText)).toBe(await precacheVersion(entries.map((e) => ({ ...e })), 'code', hashText));
    expect(await precacheVersion(entries, 'code', hashText)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('changes when one file changes its bytes but not its name (a re-converted model)', async () => {
    const changed = [entries[0]!, { ...entries[1]!, rev: '8899aabbccddeef0' }];
    expect(await precacheVersion(changed, 'code', hashText)).not.toBe(await precacheVersion(entries, 'code', hashText));
  });

  it('changes when only the worker code changes', async () => {
    expect(await precacheVersion(entries, 'code v2', hashText)).not.toBe(await precacheVersion(entries, 'code', hashText));
  });

  it('revisions are the leading 16 hex digits of the sha256', async () => {
    const bytes = new TextEncoder().encode('vivify');
    expect(await revisionOf(bytes)).toBe((await sha256Hex(bytes)).slice(0, 16));
    expect(await revisionOf(new TextEncoder().encode('vivifz'))).not.toBe(await revisionOf(bytes));
  });
});

describe('listing the output folder', () => {
  it('finds nested files with forward-slash paths and their sizes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vivify-pwa-'));
    mkdirSync(join(dir, 'assets', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'assets', 'deep', 'a.js'), 'export {}');
    const files = listFiles(dir).sort((a, b) => a.path.localeCompare(b.path));
    expect(files).toEqual([
      { path: 'assets/deep/a.js', bytes: 9 },
      { path: 'index.html', bytes: 15 },
    ]);
  });
});
