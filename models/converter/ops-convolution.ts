/**
 * Convolutions, pooling and fully connected layers. Weights are transposed
 * from TFLite's layouts into ONNX's at conversion time, and TFLite's SAME
 * padding becomes explicit pads, since all shapes here are static.
 */
import type { ConversionContext } from './conversion-context.ts';
import { transposeData } from './layout.ts';
import type { TfliteOperator } from './tflite-reader.ts';

/** TFLite's SAME padding for one spatial axis: the odd pixel goes after, like TensorFlow. */
export function samePadding(inSize: number, kernel: number, stride: number, dilation = 1): [number, number] {
  const outSize = Math.ceil(inSize / stride);
  const effective = (kernel - 1) * dilation + 1;
  const total = Math.max((outSize - 1) * stride + effective - inSize, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

interface Window {
  kernel: [number, number];
  strides: [number, number];
  dilations: [number, number];
  /** ONNX order: top, left, bottom, right. */
  pads: number[];
}

function window(ctx: ConversionContext, op: TfliteOperator, kernelH: number, kernelW: number): Window {
  const [, inH, inW] = ctx.shape(op.inputs[0]!) as [number, number, number, number];
  const o = op.options;
  const strides: [number, number] = [o['strideH'] as number, o['strideW'] as number];
  const dilations: [number, number] = [(o['dilationH'] as number) ?? 1, (o['dilationW'] as number) ?? 1];
  let pads = [0, 0, 0, 0];
  if (o['padding'] === 'SAME') {
    const [top, bottom] = samePadding(inH, kernelH, strides[0], dilations[0]);
    const [left, right] = samePadding(inW, kernelW, strides[1], dilations[1]);
    pads = [top, left, bottom, right];
  } else if (o['padding'] !== 'VALID') {
    throw new Error(`${op.op}: padding ${String(o['padding'])} is not supported`);
  }
  return { kernel: [kernelH, kernelW], strides, dilations, pads };
}

function optionalBias(ctx: ConversionContext, op: TfliteOperator, index: number): string[] {
  const b = op.inputs[index];
  if (b === undefined || b < 0) return [];
  return [ctx.f32(`${ctx.tensor(b).name}`, ctx.constFloats(b), [ctx.shape(b).reduce((x, y) => x * y, 1)])];
}

export function conv2d(ctx: ConversionContext, op: TfliteOperator): void {
  const [x, w] = op.inputs as [number, number];
  const [outC, kH, kW, inCPerGroup] = ctx.shape(w) as [number, number, number, number];
  const inC = ctx.shape(x)[3]!;
  // [O, KH, KW, I] → [O, I, KH, KW]
  const weights = ctx.f32(ctx.tensor(w).name, transposeData(ctx.constFloats(w), [outC, kH, kW, inCPerGroup], [0, 3, 1, 2]), [outC, inCPerGroup, kH, kW]);
  const win = window(ctx, op, kH, kW);
  ctx.node('Conv', [ctx.value(x), weights, ...optionalBias(ctx, op, 2)], [ctx.outputWithActivation(op)], {
    kernel_shape: win.kernel, strides: win.strides, dilations: win.dilations, pads: win.pads, group: inC / inCPerGroup,
  });
}

export function depthwiseConv2d(ctx: ConversionContext, op: TfliteOperator): void {
  const [x, w] = op.inputs as [number, number];
  const [, kH, kW, outC] = ctx.shape(w) as [number, number, number, number];
  const inC = ctx.shape(x)[3]!;
  // [1, KH, KW, C·multiplier] → [C·multiplier, 1, KH, KW], one group per input channel.
  const weights = ctx.f32(ctx.tensor(w).name, transposeData(ctx.constFloats(w), [kH, kW, outC], [2, 0, 1]), [outC, 1, kH, kW]);
  const win = window(ctx, op, kH, kW);
  ctx.node('Conv', [ctx.value(x), weights, ...optionalBias(ctx, op, 2)], [ctx.outputWithActivation(op)], {
    kernel_shape: win.kernel, strides: win.strides, dilations: win.dilations, pads: win.pads, group: inC,
  });
}

/**
 * MediaPipe's custom Convolution2DTransposeBias: inputs x, weights [O, KH, KW, I],
 * bias [O]; custom options are TfLiteTransposeConvParams (int32 padding with
 * 1 = SAME and 2 = VALID, then stride_w, stride_h).
 */
export function transposeConvBias(ctx: ConversionContext, op: TfliteOperator): void {
  const [x, w] = op.inputs as [number, number];
  const params = op.customOptions;
  if (!params || params.length < 12) throw new Error('Convolution2DTransposeBias: missing custom options');
  const dv = new DataView(params.buffer, params.byteOffset, params.byteLength);
  // Offset 0 holds the padding kind; with static shapes the output tensor's size
  // already settles it, so only the strides are needed.
  const strides = [dv.getInt32(8, true), dv.getInt32(4, true)] as const;
  const [outC, kH, kW, inC] = ctx.shape(w) as [number, number, number, number];
  const [, inH, inW] = ctx.shape(x) as [number, number, number, number];
  const [, outH, outW] = ctx.shape(op.outputs[0]!) as [number, number, number, number];
  // Whatever the full transposed convolution produces beyond the output size is
  // cropped, the odd pixel at the end (TFLite's rule); a shortfall becomes output_padding.
  const pads = [0, 0, 0, 0];
  const outputPadding = [0, 0];
  [[inH, kH, strides[0], outH], [inW, kW, strides[1], outW]].forEach(([inSize, k, s, outSize], axis) => {
    const excess = (inSize! - 1) * s! + k! - outSize!;
    if (excess >= 0) {
      pads[axis] = Math.floor(excess / 2);
      pads[axis + 2] = excess - Math.floor(excess / 2);
    } else {
      outputPadding[axis] = -excess;
    }
  });
  // [O, KH, KW, I] → [I, O, KH, KW]
  const weights = ctx.f32(ctx.tensor(w).name, transposeData(ctx.constFloats(w), [outC, kH, kW, inC], [3, 0, 1, 2]), [inC, outC, kH, kW]);
  ctx.node('ConvTranspose', [ctx.value(x), weights, ...optionalBias(ctx, op, 2)], [ctx.value(op.outputs[0]!)], {
    kernel_shape: [kH, kW], strides: [...strides], pads, output_padding: outputPadding,
  });
}

export function pool2d(ctx: ConversionContext, op: TfliteOperator): void {
  const win = window(ctx, op, op.options['filterH'] as number, op.options['filterW'] as number);
  const isMax = op.op === 'MAX_POOL_2D';
  // TFLite's average pool divides by the number of real (unpadded) pixels: count_include_pad = 0.
  ctx.node(isMax ? 'MaxPool' : 'AveragePool', [ctx.value(op.inputs[0]!)], [ctx.outputWithActivation(op)], {
    kernel_shape: win.kernel, strides: win.strides, pads: win.pads, ...(isMax ? {} : { count_include_pad: 0 }),
  });
}

/** y = x · Wᵀ + b with W as [out, in]; an input of higher rank is flattened in TFLite's (NHWC) order. */
export function fullyConnected(ctx: ConversionContext, op: TfliteOperator): void {
  const [x, w] = op.inputs as [number, number];
  if (op.options['keepNumDims']) throw new Error('FULLY_CONNECTED with keep_num_dims is not supported');
  const [units, depth] = ctx.shape(w) as [number, number];
  let input = ctx.value(x);
  const rank = ctx.rank(x);
  if (rank !== 2) {
    if (rank === 4) input = ctx.toNhwc(input);
    const flat = ctx.fresh(`${input}_flat`);
    ctx.node('Reshape', [input, ctx.i64([-1, depth])], [flat]);
    input = flat;
  }
  const weights = ctx.f32(ctx.tensor(w).name, ctx.constFloats(w), [units, depth]);
  ctx.node('Gemm', [input, weights, ...optionalBias(ctx, op, 2)], [ctx.outputWithActivation(op)], { transB: 1 });
}
