/**
 * What this browser can do, probed once and frozen. The result is plain data
 * so the diagnostics panel can show it and a bug report can include it.
 */

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for a software adapter such as SwiftShader: WebGPU works, but slowly. */
  isFallbackAdapter: boolean;
  features: string[];
  maxTextureDimension2D: number;
  maxBufferSize: number;
}

export type WebGpuProbe = { available: true; adapter: AdapterSummary } | { available: false; reason: string };

export interface Capabilities {
  webgpu: WebGpuProbe;
  crossOriginIsolated: boolean;
  /** WASM threads need SharedArrayBuffer, which browsers only give to cross-origin isolated pages. */
  wasmThreads: boolean;
  hardwareConcurrency: number;
  userAgent: string;
}

/** A name a person recognises. SwiftShader and some drivers leave `description` empty. */
export function adapterLabel(a: Pick<AdapterSummary, 'description' | 'device' | 'vendor' | 'architecture'>): string {
  if (a.description) return a.description;
  if (a.device) return a.device;
  const parts = [a.vendor, a.architecture].filter(Boolean);
  return parts.length ? parts.join(' ') : 'unnamed adapter';
}

async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return { available: false, reason: 'navigator.gpu is missing: this browser or context has no WebGPU' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { available: false, reason: `requestAdapter failed: ${String(e)}` };
  }
  if (!adapter) return { available: false, reason: 'no WebGPU adapter: the GPU is blocklisted or disabled' };
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  return {
    available: true,
    adapter: {
      vendor: info.vendor,
      architecture: info.architecture,
      device: info.device,
      description: info.description,
      isFallbackAdapter: info.isFallbackAdapter ?? false,
      features: [...adapter.features].sort(),
      maxTextureDimension2D: adapter.limits.maxTextureDimension2D,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  };
}

let probed: Promise<Readonly<Capabilities>> | undefined;

export function probeCapabilities(): Promise<Readonly<Capabilities>> {
  probed ??= (async () => {
    const isolated = globalThis.crossOriginIsolated === true;
    return Object.freeze({
      webgpu: await probeWebGpu(),
      crossOriginIsolated: isolated,
      wasmThreads: isolated && typeof SharedArrayBuffer !== 'undefined',
      hardwareConcurrency: globalThis.navigator?.hardwareConcurrency ?? 1,
      userAgent: globalThis.navigator?.userAgent ?? 'unknown',
    });
  })();
  return probed;
}
