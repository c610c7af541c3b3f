/**
 * The render worker's WebGPU device. A lost device (driver reset, tab in the
 * background too long) is reported, and the next request makes a new one.
 */
import { WebGPUUnavailableError } from '../contracts/errors.ts';

let devicePromise: Promise<GPUDevice> | undefined;
let lostReason: string | undefined;

export function lastDeviceLoss(): string | undefined {
  return lostReason;
}

export function gpuDevice(): Promise<GPUDevice> {
  devicePromise ??= (async () => {
    const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
    if (!gpu) throw new WebGPUUnavailableError('navigator.gpu is missing');
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new WebGPUUnavailableError('no WebGPU adapter');
    // 4K output needs 3840-wide textures; ask for the adapter's own 2D limit, not the 8192 default floor.
    const device = await adapter.requestDevice({
      requiredLimits: { maxTextureDimension2D: adapter.limits.maxTextureDimension2D },
    });
    void device.lost.then((info) => {
      lostReason = `${info.reason}: ${info.message}`;
      devicePromise = undefined;
    });
    return device;
  })();
  devicePromise.catch(() => (devicePromise = undefined));
  return devicePromise;
}
