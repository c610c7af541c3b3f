/**
 * Converts one TFLite model to an ONNX graph: NCHW activations, weights folded
 * to fp32 initializers, one or a few ONNX nodes per TFLite operator.
 *
 * Inputs and outputs keep their TFLite names. Rank-4 ones are NCHW (an image
 * input is [1, 3, H, W]); other ranks keep TFLite's shape.
 */
import type { GraphSpec, ValueSpec } from '../onnx/onnx-builder.ts';
import { collectConstants } from './constant-tensors.ts';
import { ConversionContext } from './conversion-context.ts';
import { onnxShape } from './layout.ts';
import { conv2d, depthwiseConv2d, fullyConnected, pool2d, transposeConvBias } from './ops-convolution.ts';
import { binary, concatenation, prelu, unary } from './ops-elementwise.ts';
import { landmarksToTransformMatrix, transformLandmarks, transformTensorBilinear } from './ops-mediapipe-attention.ts';
import { depthToSpace, mean, pad, reshape, resizeBilinear, stridedSlice } from './ops-shape.ts';
import { readTflite, type TfliteOperator } from './tflite-reader.ts';

type OpMapper = (ctx: ConversionContext, op: TfliteOperator) => void;

const MAPPERS: Record<string, OpMapper> = {
  CONV_2D: conv2d,
  DEPTHWISE_CONV_2D: depthwiseConv2d,
  Convolution2DTransposeBias: transposeConvBias,
  MAX_POOL_2D: pool2d,
  AVERAGE_POOL_2D: pool2d,
  FULLY_CONNECTED: fullyConnected,
  ADD: binary,
  SUB: binary,
  MUL: binary,
  DIV: binary,
  MAXIMUM: binary,
  MINIMUM: binary,
  PRELU: prelu,
  RELU: unary,
  RELU6: unary,
  RELU_N1_TO_1: unary,
  LOGISTIC: unary,
  HARD_SWISH: unary,
  TANH: unary,
  CONCATENATION: concatenation,
  RESHAPE: reshape,
  PAD: pad,
  MEAN: mean,
  DEPTH_TO_SPACE: depthToSpace,
  RESIZE_BILINEAR: resizeBilinear,
  STRIDED_SLICE: stridedSlice,
  Landmarks2TransformMatrix: landmarksToTransformMatrix,
  TransformTensorBilinear: transformTensorBilinear,
  TransformLandmarks: transformLandmarks,
};

export class UnsupportedOperatorError extends Error {
  constructor(readonly operators: string[]) {
    super(`unsupported TFLite operators: ${operators.join(', ')}`);
    this.name = 'UnsupportedOperatorError';
  }
}

/** Operators the converter cannot map yet, so callers can skip a model with a clear reason. */
export function unsupportedOperators(tflite: Uint8Array): string[] {
  const sg = readTflite(tflite).subgraphs[0]!;
  const { folded } = collectConstants(sg);
  return [...new Set(sg.operators.filter((o) => !folded.has(o) && !MAPPERS[o.op]).map((o) => o.op))].sort();
}

export function convertTflite(tflite: Uint8Array, name: string): GraphSpec {
  const model = readTflite(tflite);
  if (model.subgraphs.length !== 1) throw new Error(`${name}: expected one subgraph, found ${model.subgraphs.length}`);
  const sg = model.subgraphs[0]!;
  const { constants, folded } = collectConstants(sg);
  const missing = [...new Set(sg.operators.filter((o) => !folded.has(o) && !MAPPERS[o.op]).map((o) => o.op))];
  if (missing.length > 0) throw new UnsupportedOperatorError(missing.sort());

  const ctx = new ConversionContext(sg, constants);
  for (const op of sg.operators) {
    if (folded.has(op)) continue;
    try {
      MAPPERS[op.op]!(ctx, op);
      ctx.finishOperator();
    } catch (e) {
      throw new Error(`${name}: ${op.op} → ${ctx.tensor(op.outputs[0]!).name}: ${(e as Error).message}`, { cause: e });
    }
  }
  const valueSpec = (i: number): ValueSpec => {
    const t = ctx.tensor(i);
    if (t.type !== 'FLOAT32') throw new Error(`${name}: graph input/output ${t.name} is ${t.type}, expected FLOAT32`);
    return { name: ctx.value(i), type: 'float32', shape: onnxShape(t.shape) };
  };
  return {
    name,
    docString: `${name}, converted from TFLite by Vivify's converter (models/converter). Rank-4 inputs and outputs are NCHW.`,
    inputs: sg.inputs.map(valueSpec),
    outputs: sg.outputs.map(valueSpec),
    initializers: ctx.initializers,
    nodes: ctx.nodes,
  };
}
