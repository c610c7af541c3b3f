/**
 * Constant tensors of a TFLite subgraph as typed arrays in TFLite layout, with
 * the weight-decoding operators (DENSIFY, DEQUANTIZE) evaluated at conversion
 * time so the ONNX graph carries plain fp32 weights.
 */
import { densify } from './densify.ts';
import { halvesToFloats } from './half-float.ts';
import type { TfliteOperator, TfliteSubgraph, TfliteTensor } from './tflite-reader.ts';

export type ConstValues = Float32Array | Int32Array | Uint16Array | Int8Array | Uint8Array;

export interface ConstTensor {
  /** Element type as stored; FLOAT16 elements are raw halves in a Uint16Array. */
  type: 'FLOAT32' | 'INT32' | 'FLOAT16' | 'INT8' | 'UINT8';
  shape: number[];
  values: ConstValues;
  tensor: TfliteTensor;
}

function elements(t: TfliteTensor, data: Uint8Array): ConstTensor {
  const buf = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  switch (t.type) {
    case 'FLOAT32': return { type: t.type, shape: t.shape, values: new Float32Array(buf), tensor: t };
    case 'INT32': return { type: t.type, shape: t.shape, values: new Int32Array(buf), tensor: t };
    case 'FLOAT16': return { type: t.type, shape: t.shape, values: new Uint16Array(buf), tensor: t };
    case 'INT8': return { type: t.type, shape: t.shape, values: new Int8Array(buf), tensor: t };
    case 'UINT8': return { type: t.type, shape: t.shape, values: new Uint8Array(buf), tensor: t };
    default: throw new Error(`constant tensor ${t.name}: type ${t.type} is not supported`);
  }
}

/** Weight-decoding operators whose inputs are all constant, so they vanish from the graph. */
const FOLDABLE = new Set(['DEQUANTIZE', 'DENSIFY']);

export function collectConstants(sg: TfliteSubgraph): { constants: Map<number, ConstTensor>; folded: Set<TfliteOperator> } {
  const constants = new Map<number, ConstTensor>();
  for (const t of sg.tensors) {
    if (t.data && t.data.length > 0) constants.set(t.index, elements(t, t.data));
  }
  const folded = new Set<TfliteOperator>();
  for (const op of sg.operators) {
    if (!FOLDABLE.has(op.op)) continue;
    const input = constants.get(op.inputs[0]!);
    const out = sg.tensors[op.outputs[0]!]!;
    if (!input) continue;
    constants.set(out.index, op.op === 'DENSIFY' ? densifyConst(input, out) : dequantize(input, out));
    folded.add(op);
  }
  return { constants, folded };
}

function densifyConst(input: ConstTensor, out: TfliteTensor): ConstTensor {
  const sparsity = input.tensor.sparsity;
  if (!sparsity) throw new Error(`DENSIFY of ${input.tensor.name}, which has no sparsity parameters`);
  if (input.values instanceof Uint8Array) throw new Error('DENSIFY of uint8 values is not supported');
  return { type: input.type, shape: out.shape, values: densify(input.values, out.shape, sparsity), tensor: out };
}

function dequantize(input: ConstTensor, out: TfliteTensor): ConstTensor {
  if (input.type === 'FLOAT16') {
    return { type: 'FLOAT32', shape: out.shape, values: halvesToFloats(input.values as Uint16Array), tensor: out };
  }
  const q = input.tensor.quantization;
  if (!q || (input.type !== 'INT8' && input.type !== 'UINT8')) {
    throw new Error(`DEQUANTIZE of ${input.tensor.name} (${input.type}) is not supported`);
  }
  // Per-channel when there are several scales: the channel is the index along quantized_dimension.
  const shape = input.shape;
  const inner = shape.slice(q.quantizedDimension + 1).reduce((a, b) => a * b, 1);
  const channels = shape[q.quantizedDimension] ?? 1;
  const values = new Float32Array(input.values.length);
  for (let i = 0; i < values.length; i++) {
    const c = q.scale.length > 1 ? Math.floor(i / inner) % channels : 0;
    values[i] = (q.scale[c] ?? 1) * (input.values[i]! - (q.zeroPoint[c] ?? 0));
  }
  return { type: 'FLOAT32', shape: out.shape, values, tensor: out };
}
