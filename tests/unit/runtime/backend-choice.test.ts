import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, ModelIntegrityError, VivifyError, registeredErrors, reviveError, userMessageOf } from '../../../src/contracts/errors.ts';
import '../../../src/motion/errors.ts';
import '../../../src/encode/errors.ts';
import { planBackends, wasmThreadCount } from '../../../src/runtime/backend-choice.ts';
import type { WebGpuProbe } from '../../../src/runtime/capabilities.ts';

const withGpu: { webgpu: WebGpuProbe } = {
  webgpu: {
    available: true,
    adapter: { vendor: 'nvidia', architecture: 'ada', device: '', description: '', isFallbackAdapter: false, features: [], maxTextureDimension2D: 16384, maxBufferSize: 1 << 30 },
  },
};
const softwareGpu: { webgpu: WebGpuProbe } = {
  webgpu: {
    available: true,
    adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true, features: [], maxTextureDimension2D: 8192, maxBufferSize: 1 << 28 },
  },
};
const noGpu: { webgpu: WebGpuProbe } = { webgpu: { available: false, reason: 'navigator.gpu is missing' } };

describe('planBackends', () => {
  it('prefers WebGPU and keeps WASM as the fallback when an adapter exists', () => {
    expect(planBackends(withGpu, 'auto')).toEqual({ order: ['webgpu', 'wasm'], skipped: [] });
  });
  it('takes WASM on a software adapter, which runs WebGPU on the CPU, unless WebGPU is forced', () => {
    expect(planBackends(softwareGpu, 'auto')).toEqual({ order: ['wasm', 'webgpu'], skipped: ['webgpu: google swiftshader is a software adapter, slower than WASM'] });
    expect(planBackends(softwareGpu, 'webgpu').order).toEqual(['webgpu']);
  });
  it('falls back to WASM with the reason recorded when there is no adapter', () => {
    expect(planBackends(noGpu, 'auto')).toEqual({ order: ['wasm'], skipped: ['webgpu: navigator.gpu is missing'] });
  });
  it('honours a forced backend without silent fallback', () => {
    expect(planBackends(withGpu, 'wasm').order).toEqual(['wasm']);
    expect(planBackends(withGpu, 'webgpu').order).toEqual(['webgpu']);
    expect(() => planBackends(noGpu, 'webgpu')).toThrow(BackendUnavailableError);
  });
});

describe('wasmThreadCount', () => {
  it('uses one thread without cross-origin isolation, and leaves a core free otherwise', () => {
    expect(wasmThreadCount({ wasmThreads: false, hardwareConcurrency: 16 })).toBe(1);
    expect(wasmThreadCount({ wasmThreads: true, hardwareConcurrency: 2 })).toBe(1);
    expect(wasmThreadCount({ wasmThreads: true, hardwareConcurrency: 3 })).toBe(2);
    expect(wasmThreadCount({ wasmThreads: true, hardwareConcurrency: 16 })).toBe(4);
  });
});

describe('typed errors across the worker boundary', () => {
  it('revives the class from the name comlink preserves', () => {
    // What comlink delivers: a plain Error carrying name and message.
    const wire = Object.assign(new Error('bad hash'), { name: 'ModelIntegrityError' });
    const revived = reviveError(wire);
    expect(revived).toBeInstanceOf(ModelIntegrityError);
    expect((revived as VivifyError).message).toBe('bad hash');
    expect(userMessageOf(wire)).toMatch(/damaged/);
  });
  it('names every registered error by a string that survives minification, and each name is its own class', () => {
    // In Node nothing is minified, so the stated name must equal the class name; a copy-paste slip shows here.
    const all = registeredErrors();
    expect(all.length).toBeGreaterThanOrEqual(13);
    for (const ctor of all) {
      expect(ctor.errorName).toBe(ctor.name);
      expect(new ctor('x').name).toBe(ctor.errorName);
      expect(reviveError(Object.assign(new Error('x'), { name: ctor.errorName }))).toBeInstanceOf(ctor);
    }
  });

  it('passes unknown errors through and gives a generic sentence', () => {
    const e = new TypeError('x');
    expect(reviveError(e)).toBe(e);
    expect(userMessageOf(e)).toMatch(/try again/);
  });
});
