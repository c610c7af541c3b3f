/** Tensors as plain data, so they cross the worker boundary as transferable typed arrays. */
import type { TensorElementType } from './model-manifest.ts';

export type TensorArray = Float32Array | Uint16Array | Int32Array | BigInt64Array | Uint8Array | Int8Array;

export interface TensorData {
  type: TensorElementType;
  dims: number[];
  data: TensorArray;
}

export type TensorMap = Record<string, TensorData>;

export function float32Tensor(data: Float32Array, dims: number[]): TensorData {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (expected !== data.length) throw new RangeError(`tensor of ${data.length} values cannot have shape [${dims.join(', ')}]`);
  return { type: 'float32', dims, data };
}

/** Buffers to hand to comlink.transfer so a tensor map moves instead of being copied. */
export function transferablesOf(map: TensorMap): ArrayBuffer[] {
  return Object.values(map).map((t) => t.data.buffer as ArrayBuffer);
}
