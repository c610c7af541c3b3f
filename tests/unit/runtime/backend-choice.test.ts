import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, ModelIntegrityError, VivifyError, reviveError, userMessageOf } from '../../../src/contracts/errors.ts';
import { planBackends, wasmThreadCount } from '../../../src/runtime/backend-choice.ts';
import type { WebGpuProbe } from '../../../src/runtime/capabilities.ts';

const withGpu: { webgpu: WebGpuProbe } = {
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
  it('passes unknown errors through and gives a generic sentence', () => {
    const e = new TypeError('x');
    expect(reviveError(e)).toBe(e);
    expect(userMessageOf(e)).toMatch(/try again/);
  });
});
