/**
 * TFLite keeps images NHWC; the ONNX graph keeps every rank-4 activation NCHW,
 * the layout ONNX's Conv and pooling operators are defined on. Lower-rank
 * tensors keep TFLite's layout. These helpers translate shapes, axes and data.
 */

/** ONNX axis of each NHWC axis: N→0, H→2, W→3, C→1. */
const NHWC_AXIS_TO_NCHW = [0, 2, 3, 1] as const;
export const NCHW_TO_NHWC_PERM = [0, 2, 3, 1] as const;
export const NHWC_TO_NCHW_PERM = [0, 3, 1, 2] as const;

export function onnxShape(tfliteShape: readonly number[]): number[] {
  if (tfliteShape.length !== 4) return [...tfliteShape];
  const [n, h, w, c] = tfliteShape as [number, number, number, number];
  return [n, c, h, w];
}

/** Maps a (possibly negative) TFLite axis of a tensor of `rank` to the ONNX axis. */
export function onnxAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  return rank === 4 ? NHWC_AXIS_TO_NCHW[a as 0 | 1 | 2 | 3] : a;
}

/** Row-major transpose: out[perm-ordered index] = data[index]; output dims are shape[perm[i]]. */
export function transposeData<T extends ArrayLike<number> & { constructor: unknown }>(
  data: T, shape: readonly number[], perm: readonly number[],
): T {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) inStrides[d] = inStrides[d + 1]! * shape[d + 1]!;
  // Walking the output in order, the input stride of output axis i is inStrides[perm[i]].
  const stepByOutAxis = perm.map((p) => inStrides[p]!);
  const Ctor = data.constructor as new (n: number) => T & { [i: number]: number };
  const out = new Ctor(data.length);
  const idx = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < data.length; o++) {
    out[o] = data[src]!;
    for (let ax = rank - 1; ax >= 0; ax--) {
      idx[ax]!++;
      src += stepByOutAxis[ax]!;
      if (idx[ax]! < outShape[ax]!) break;
      src -= stepByOutAxis[ax]! * outShape[ax]!;
      idx[ax] = 0;
    }
  }
  return out;
}

/**
 * A constant that broadcasts against a rank-4 NHWC activation, rewritten to
 * broadcast against the NCHW one: left-pad its shape with ones to rank 4
 * (numpy broadcasting aligns trailing axes), then move C in front of H and W.
 */
export function broadcastConstToNchw(data: Float32Array, shape: readonly number[]): { data: Float32Array; dims: number[] } {
  const padded = [...new Array<number>(4 - shape.length).fill(1), ...shape];
  const dims = NHWC_TO_NCHW_PERM.map((p) => padded[p]!);
  return { data: transposeData(data, padded, NHWC_TO_NCHW_PERM), dims };
}
