/**
 * Operators that move data around: reshape, pad, slices, resize, reductions,
 * depth-to-space. Anything that depends on element order goes through NHWC so
 * it sees the same order TFLite does.
 */
import type { ConversionContext } from './conversion-context.ts';
import { onnxAxis, onnxShape } from './layout.ts';
import type { TfliteOperator } from './tflite-reader.ts';

/** TFLite reshapes in NHWC element order, so a rank-4 input is turned back to NHWC first. */
export function reshape(ctx: ConversionContext, op: TfliteOperator): void {
  const x = op.inputs[0]!;
  const out = op.outputs[0]!;
  let input = ctx.value(x);
  if (ctx.rank(x) === 4) input = ctx.toNhwc(input);
  const outShape = ctx.shape(out);
  if (outShape.length === 4) {
    const nhwc = ctx.fresh(`${ctx.value(out)}_nhwc`);
    ctx.node('Reshape', [input, ctx.i64(outShape)], [nhwc]);
    ctx.toNchw(nhwc, ctx.value(out));
  } else {
    ctx.node('Reshape', [input, ctx.i64(outShape)], [ctx.value(out)]);
  }
}

export function pad(ctx: ConversionContext, op: TfliteOperator): void {
  const [x, paddings] = op.inputs as [number, number];
  const rank = ctx.rank(x);
  const p = ctx.constInts(paddings); // [rank, 2]: before, after per TFLite axis
  const begin = new Array<number>(rank).fill(0);
  const end = new Array<number>(rank).fill(0);
  for (let a = 0; a < rank; a++) {
    begin[onnxAxis(a, rank)] = p[2 * a]!;
    end[onnxAxis(a, rank)] = p[2 * a + 1]!;
  }
  ctx.node('Pad', [ctx.value(x), ctx.i64([...begin, ...end])], [ctx.value(op.outputs[0]!)], { mode: 'constant' });
}

export function mean(ctx: ConversionContext, op: TfliteOperator): void {
  const [x, axesTensor] = op.inputs as [number, number];
  const rank = ctx.rank(x);
  const axes = ctx.constInts(axesTensor).map((a) => onnxAxis(a, rank));
  const out = op.outputs[0]!;
  const keep = op.options['keepDims'] as boolean;
  if (keep || rank !== 4) {
    ctx.node('ReduceMean', [ctx.value(x)], [ctx.value(out)], { axes, keepdims: keep ? 1 : 0 });
    return;
  }
  // Dropping axes of an NCHW tensor can leave the survivors in a different order
  // than TFLite's; reduce with kept dims, then reshape in NHWC order.
  const kept = ctx.fresh(`${ctx.value(out)}_kept`);
  ctx.node('ReduceMean', [ctx.value(x)], [kept], { axes, keepdims: 1 });
  ctx.node('Reshape', [ctx.toNhwc(kept), ctx.i64(ctx.shape(out))], [ctx.value(out)]);
}

/** TensorFlow's depth_to_space ordering is ONNX's DCR mode. */
export function depthToSpace(ctx: ConversionContext, op: TfliteOperator): void {
  ctx.node('DepthToSpace', [ctx.value(op.inputs[0]!)], [ctx.value(op.outputs[0]!)], {
    blocksize: op.options['blockSize'] as number, mode: 'DCR',
  });
}

/**
 * TFLite's three sampling conventions map onto ONNX Resize's coordinate modes:
 * align_corners, half_pixel (TFLite clamps negative source coordinates to 0,
 * as ONNX's linear mode does at the border), and otherwise asymmetric.
 */
export function resizeBilinear(ctx: ConversionContext, op: TfliteOperator): void {
  const x = op.inputs[0]!;
  const out = op.outputs[0]!;
  const mode = op.options['alignCorners'] ? 'align_corners' : op.options['halfPixelCenters'] ? 'half_pixel' : 'asymmetric';
  ctx.node('Resize', [ctx.value(x), '', '', ctx.i64(onnxShape(ctx.shape(out)))], [ctx.value(out)], {
    mode: 'linear', coordinate_transformation_mode: mode,
  });
}

/** Begin/end/strides with TensorFlow's masks resolved against the static input shape. */
export function stridedSlice(ctx: ConversionContext, op: TfliteOperator): void {
  const [x, beginT, endT, stridesT] = op.inputs as [number, number, number, number];
  const shape = ctx.shape(x);
  const rank = shape.length;
  const o = op.options;
  if ((o['ellipsisMask'] as number) || (o['newAxisMask'] as number)) throw new Error('STRIDED_SLICE: ellipsis/new-axis masks are not supported');
  const begin = ctx.constInts(beginT);
  const end = ctx.constInts(endT);
  const strides = ctx.constInts(stridesT);
  const starts: number[] = [], ends: number[] = [], axes: number[] = [], steps: number[] = [];
  for (let a = 0; a < begin.length; a++) {
    const step = strides[a]!;
    const shrink = ((o['shrinkAxisMask'] as number) >> a) & 1;
    let s = ((o['beginMask'] as number) >> a) & 1 ? (step > 0 ? 0 : shape[a]! - 1) : begin[a]!;
    let e = ((o['endMask'] as number) >> a) & 1 ? (step > 0 ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER) : end[a]!;
    if (shrink) {
      if (s < 0) s += shape[a]!;
      e = s + 1;
    }
    starts.push(s); ends.push(e); axes.push(onnxAxis(a, rank)); steps.push(step);
  }
  const out = op.outputs[0]!;
  const sliced = ctx.fresh(`${ctx.value(out)}_slice`);
  ctx.node('Slice', [ctx.value(x), ctx.i64(starts), ctx.i64(ends), ctx.i64(axes), ctx.i64(steps)], [sliced]);
  const outShape = ctx.shape(out);
  if (outShape.length === rank) {
    ctx.node('Identity', [sliced], [ctx.value(out)]);
  } else {
    // Shrunk axes vanish in TFLite's order; reshape from NHWC.
    ctx.node('Reshape', [rank === 4 ? ctx.toNhwc(sliced) : sliced, ctx.i64(outShape)], [ctx.value(out)]);
  }
}
