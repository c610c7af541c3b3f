/**
 * Which ONNX Runtime execution provider to try, in order, and why. Kept pure
 * so the fallback rules are unit-tested without a browser.
 */
import { BackendUnavailableError } from '../contracts/errors.ts';
import { adapterLabel, type Capabilities } from './capabilities.ts';

export type Backend = 'webgpu' | 'wasm';
export type BackendPreference = 'auto' | Backend;

export interface BackendPlan {
  order: Backend[];
  /** One line per backend skipped, for diagnostics. */
  skipped: string[];
}

export function planBackends(caps: Pick<Capabilities, 'webgpu'>, preference: BackendPreference): BackendPlan {
  if (preference === 'wasm') return { order: ['wasm'], skipped: ['webgpu: forced to wasm'] };
  if (preference === 'webgpu') {
    if (!caps.webgpu.available) throw new BackendUnavailableError(`WebGPU was requested but is unavailable: ${caps.webgpu.reason}`);
    // Forced means forced: no silent fallback, so a test or a user comparing backends gets what they asked for.
    return { order: ['webgpu'], skipped: [] };
  }
  // A software adapter (SwiftShader, offered where the GPU is blocklisted or
  // missing) runs WebGPU on the CPU: the perception models there take 60-170
  // times longer than on WASM (npm run bench: face_landmark 1101 ms against
  // 5.6 ms), so automatic choice takes WASM, and keeps WebGPU only as the
  // fallback. Forcing WebGPU still gets it.
  if (caps.webgpu.available && caps.webgpu.adapter.isFallbackAdapter) {
    return { order: ['wasm', 'webgpu'], skipped: [`webgpu: ${adapterLabel(caps.webgpu.adapter)} is a software adapter, slower than WASM`] };
  }
  if (caps.webgpu.available) return { order: ['webgpu', 'wasm'], skipped: [] };
  return { order: ['wasm'], skipped: [`webgpu: ${caps.webgpu.reason}`] };
}

/** Threads for the WASM backend: none without isolation; a few otherwise, leaving a core for the UI and the renderer. */
export function wasmThreadCount(caps: Pick<Capabilities, 'wasmThreads' | 'hardwareConcurrency'>): number {
  if (!caps.wasmThreads) return 1;
  return Math.max(1, Math.min(4, caps.hardwareConcurrency - 1));
}
