/**
 * The custom operators of MediaPipe's attention face mesh (version 2 of each),
 * rebuilt from standard ONNX operators. The network crops 16×16 feature
 * patches around the lips and eyes with an affine transform estimated from
 * its own first-pass mesh, refines landmarks inside each patch, and maps them
 * back with the same transform.
 *
 * Semantics follow mediapipe/util/tflite/operations/*.cc (Apache-2.0); the
 * formulation here is ours: ONNX has no atan2, so the rotation is carried as
 * its cosine and sine throughout instead of as an angle.
 */
import { tensorFromInt64 } from '../onnx/onnx-builder.ts';
import type { ConversionContext } from './conversion-context.ts';
import { readFlexBuffer } from './flexbuffers.ts';
import type { TfliteOperator } from './tflite-reader.ts';

function options(op: TfliteOperator): Record<string, unknown> {
  if (!op.customOptions || op.customOptions.length === 0) return {};
  return readFlexBuffer(op.customOptions) as Record<string, unknown>;
}

/** Emits `op` with a fresh output name and returns it. */
function emit(ctx: ConversionContext, op: string, inputs: string[], base: string, attributes?: Parameters<ConversionContext['node']>[3]): string {
  const out = ctx.fresh(base);
  ctx.node(op, inputs, [out], attributes);
  return out;
}

function slice(ctx: ConversionContext, x: string, axis: number, start: number, end: number, base: string): string {
  return emit(ctx, 'Slice', [x, ctx.i64([start]), ctx.i64([end]), ctx.i64([axis])], base);
}

function floats(ctx: ConversionContext, base: string, values: number[], dims: number[]): string {
  return ctx.f32(base, Float32Array.from(values), dims);
}

function int64Scalar(ctx: ConversionContext, base: string, value: number): string {
  const name = ctx.fresh(base);
  ctx.initializers.push({ name, ...tensorFromInt64([value], []) });
  return name;
}

/**
 * Landmarks [1, N, 3] → a 4×4 matrix [1, 4, 4] mapping patch pixels (x, y, 0, 1)
 * to feature-map coordinates. The rotation r = target − angle(right − left);
 * the subset's bounding box, taken in the rotated frame, gives the patch centre
 * and size (scaled by scale_x/scale_y over the patch's output size).
 */
export function landmarksToTransformMatrix(ctx: ConversionContext, op: TfliteOperator): void {
  const o = options(op);
  const left = o['left_rotation_idx'] as number;
  const right = o['right_rotation_idx'] as number;
  const subset = (o['subset_idxs'] as number[]).flat();
  const outW = o['output_width'] as number;
  const outH = o['output_height'] as number;
  const scaleX = o['scale_x'] as number;
  const scaleY = o['scale_y'] as number;
  const target = (o['target_rotation_radians'] as number | undefined) ?? 0;
  const name = ctx.value(op.outputs[0]!);

  const xy = slice(ctx, ctx.value(op.inputs[0]!), 2, 0, 2, `${name}_xy`); // [1, N, 2]
  const pl = emit(ctx, 'Gather', [xy, int64Scalar(ctx, `${name}_left_idx`, left)], `${name}_left`, { axis: 1 }); // [1, 2]
  const pr = emit(ctx, 'Gather', [xy, int64Scalar(ctx, `${name}_right_idx`, right)], `${name}_right`, { axis: 1 });
  const d = emit(ctx, 'Sub', [pr, pl], `${name}_d`);
  const len = emit(ctx, 'Sqrt', [emit(ctx, 'ReduceSum', [emit(ctx, 'Mul', [d, d], `${name}_d2`), ctx.i64([1])], `${name}_len2`, { keepdims: 1 })], `${name}_len`);
  const unit = emit(ctx, 'Div', [d, len], `${name}_unit`); // (cos a, sin a)
  // (cos r, sin r) for r = target − a, by the angle-difference identities.
  const ct = Math.cos(target), st = Math.sin(target);
  const cs = emit(ctx, 'MatMul', [unit, floats(ctx, `${name}_target_rot`, [ct, st, st, -ct], [2, 2])], `${name}_cs`); // [1, 2]
  const c = slice(ctx, cs, 1, 0, 1, `${name}_c`); // [1, 1]
  const s = slice(ctx, cs, 1, 1, 2, `${name}_s`);
  const negS = emit(ctx, 'Neg', [s], `${name}_negs`);

  // Row vectors times Rᵀ rotate by r: Rᵀ = [[c, s], [−s, c]].
  const rotT = emit(ctx, 'Reshape', [emit(ctx, 'Concat', [c, s, negS, c], `${name}_rt`, { axis: 1 }), ctx.i64([1, 2, 2])], `${name}_rotT`);
  const rot = emit(ctx, 'Reshape', [emit(ctx, 'Concat', [c, negS, s, c], `${name}_r`, { axis: 1 }), ctx.i64([1, 2, 2])], `${name}_rot`);
  const pts = emit(ctx, 'Gather', [xy, ctx.i64(subset)], `${name}_subset`, { axis: 1 }); // [1, K, 2]
  const rotated = emit(ctx, 'MatMul', [pts, rotT], `${name}_rotated`);
  const hi = emit(ctx, 'ReduceMax', [rotated], `${name}_max`, { axes: [1], keepdims: 1 }); // [1, 1, 2]
  const lo = emit(ctx, 'ReduceMin', [rotated], `${name}_min`, { axes: [1], keepdims: 1 });
  const size = emit(ctx, 'Sub', [hi, lo], `${name}_size`);
  const mid = emit(ctx, 'Mul', [emit(ctx, 'Add', [hi, lo], `${name}_sum`), ctx.scalarF32(0.5)], `${name}_mid`);
  // Back to the unrotated frame: multiply the row vector by R(r)ᵀ's inverse, R(r).
  const center = emit(ctx, 'Reshape', [emit(ctx, 'MatMul', [mid, rot], `${name}_center3`), ctx.i64([1, 2])], `${name}_center`);
  const scale = emit(ctx, 'Reshape', [emit(ctx, 'Mul', [size, floats(ctx, `${name}_scale_k`, [scaleX / outW, scaleY / outH], [2])], `${name}_scale3`), ctx.i64([1, 2])], `${name}_scale`);
  const sx = slice(ctx, scale, 1, 0, 1, `${name}_sx`);
  const sy = slice(ctx, scale, 1, 1, 2, `${name}_sy`);

  // A = R(−r)·diag(sx, sy); translation = centre − A·(outW/2, outH/2).
  const a00 = emit(ctx, 'Mul', [c, sx], `${name}_a00`);
  const a01 = emit(ctx, 'Mul', [s, sy], `${name}_a01`);
  const a10 = emit(ctx, 'Mul', [negS, sx], `${name}_a10`);
  const a11 = emit(ctx, 'Mul', [c, sy], `${name}_a11`);
  const halfW = ctx.scalarF32(outW / 2), halfH = ctx.scalarF32(outH / 2);
  const shiftX = emit(ctx, 'Add', [emit(ctx, 'Mul', [a00, halfW], `${name}_a00w`), emit(ctx, 'Mul', [a01, halfH], `${name}_a01h`)], `${name}_shx`);
  const shiftY = emit(ctx, 'Add', [emit(ctx, 'Mul', [a10, halfW], `${name}_a10w`), emit(ctx, 'Mul', [a11, halfH], `${name}_a11h`)], `${name}_shy`);
  const tx = emit(ctx, 'Sub', [slice(ctx, center, 1, 0, 1, `${name}_cx`), shiftX], `${name}_tx`);
  const ty = emit(ctx, 'Sub', [slice(ctx, center, 1, 1, 2, `${name}_cy`), shiftY], `${name}_ty`);
  const zero = floats(ctx, `${name}_zero`, [0], [1, 1]);
  const row23 = floats(ctx, `${name}_rows23`, [0, 0, 1, 0, 0, 0, 0, 1], [1, 8]);
  // Row by row, not in one Concat of nine: ORT's WebGPU Concat binds each
  // input as a storage buffer, and nine plus the output exceed WebGPU's
  // default of 8 per shader stage. The pipeline fails to build, the command
  // buffer is dropped, and every patch output (lips, eyes, irises) reads 0.
  const row0 = emit(ctx, 'Concat', [a00, a01, zero, tx], `${name}_row0`, { axis: 1 });
  const row1 = emit(ctx, 'Concat', [a10, a11, zero, ty], `${name}_row1`, { axis: 1 });
  const flat = emit(ctx, 'Concat', [row0, row1, row23], `${name}_flat`, { axis: 1 });
  ctx.node('Reshape', [flat, ctx.i64([1, 4, 4])], [name]);
}

/** The two first rows of a [1, 4, 4] transform: [1, 2, 4]. */
function firstTwoRows(ctx: ConversionContext, matrix: string, base: string): string {
  return slice(ctx, matrix, 1, 0, 2, `${base}_rows`);
}

/**
 * Samples an [oh, ow] patch of the feature map: output pixel (x, y) reads the
 * input at M·(x + ½, y + ½, 0, 1) − ½ bilinearly, and is 0 when that point
 * falls outside [0, W−1]×[0, H−1] (all or nothing, unlike GridSample's zero
 * padding, hence the explicit mask).
 */
export function transformTensorBilinear(ctx: ConversionContext, op: TfliteOperator): void {
  const [x, m] = op.inputs as [number, number];
  const [, inH, inW] = ctx.shape(x) as [number, number, number, number];
  const [, outH, outW] = ctx.shape(op.outputs[0]!) as [number, number, number, number];
  const name = ctx.value(op.outputs[0]!);

  const base: number[] = [];
  for (let oy = 0; oy < outH; oy++) for (let ox = 0; ox < outW; ox++) base.push(ox + 0.5, oy + 0.5, 0, 1);
  const grid4 = floats(ctx, `${name}_pixel_centres`, base, [1, outH * outW, 4]);
  const rowsT = emit(ctx, 'Transpose', [firstTwoRows(ctx, ctx.value(m), name)], `${name}_rowsT`, { perm: [0, 2, 1] });
  const coords = emit(ctx, 'Sub', [emit(ctx, 'MatMul', [grid4, rowsT], `${name}_centres`), ctx.scalarF32(0.5)], `${name}_coords`); // [1, P, 2] pixels

  const lowOk = emit(ctx, 'GreaterOrEqual', [coords, ctx.scalarF32(0)], `${name}_lo_ok`);
  const highOk = emit(ctx, 'LessOrEqual', [coords, floats(ctx, `${name}_limit`, [inW - 1, inH - 1], [2])], `${name}_hi_ok`);
  const ok = emit(ctx, 'Cast', [emit(ctx, 'And', [lowOk, highOk], `${name}_ok_b`)], `${name}_ok_f`, { to: 1 });
  const mask = emit(ctx, 'Reshape', [emit(ctx, 'ReduceMin', [ok], `${name}_inside`, { axes: [2], keepdims: 0 }), ctx.i64([1, 1, outH, outW])], `${name}_mask`);

  // align_corners = 1: normalised −1 and 1 are the centres of the first and last pixels.
  const norm = emit(ctx, 'Sub', [emit(ctx, 'Mul', [coords, floats(ctx, `${name}_to_unit`, [2 / (inW - 1), 2 / (inH - 1)], [2])], `${name}_scaled`), ctx.scalarF32(1)], `${name}_norm`);
  const grid = emit(ctx, 'Reshape', [norm, ctx.i64([1, outH, outW, 2])], `${name}_grid`);
  const sampled = emit(ctx, 'GridSample', [ctx.value(x), grid], `${name}_sampled`, { align_corners: 1, mode: 'bilinear', padding_mode: 'zeros' });
  ctx.node('Mul', [sampled, mask], [name]);
}

/** Landmarks [1, N, 2 or 3]: (x, y) ← first two rows of M applied to (x, y, 0, 1); z passes through. */
export function transformLandmarks(ctx: ConversionContext, op: TfliteOperator): void {
  const [l, m] = op.inputs as [number, number];
  const dims = ctx.shape(l)[2]!;
  const name = ctx.value(op.outputs[0]!);
  const rows = firstTwoRows(ctx, ctx.value(m), name);
  const linT = emit(ctx, 'Transpose', [slice(ctx, rows, 2, 0, 2, `${name}_lin`)], `${name}_linT`, { perm: [0, 2, 1] });
  const shift = emit(ctx, 'Transpose', [slice(ctx, rows, 2, 3, 4, `${name}_shift_col`)], `${name}_shift`, { perm: [0, 2, 1] });
  const xy = dims === 2 ? ctx.value(l) : slice(ctx, ctx.value(l), 2, 0, 2, `${name}_xy`);
  const moved = emit(ctx, 'Add', [emit(ctx, 'MatMul', [xy, linT], `${name}_lin_xy`), shift], `${name}_xy_out`);
  if (dims === 2) ctx.node('Identity', [moved], [name]);
  else ctx.node('Concat', [moved, slice(ctx, ctx.value(l), 2, 2, 3, `${name}_z`)], [name], { axis: 2 });
}
