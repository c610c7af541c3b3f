/**
 * Builds ONNX ModelProto bytes from a small in-memory graph description.
 * Field numbers are those of onnx/onnx.proto (IR version 8).
 */
import { ProtoWriter } from './protobuf-writer.ts';

export type OnnxDataType = 'float32' | 'float16' | 'int32' | 'int64' | 'uint8' | 'int8' | 'bool';

/** onnx.TensorProto.DataType enum values. */
const DATA_TYPE_CODE: Record<OnnxDataType, number> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
};

export interface TensorValue {
  type: OnnxDataType;
  dims: readonly number[];
  /** Little-endian element bytes, as ONNX's raw_data expects. */
  raw: Uint8Array;
}

/** Integers and integer lists are INT/INTS; floats must be tagged, since 1.0 and 1 look alike in JS. */
export type AttributeValue =
  | number
  | readonly number[]
  | string
  | { float: number }
  | { floats: readonly number[] }
  | { tensor: TensorValue };

export interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  domain?: string;
  attributes?: Record<string, AttributeValue>;
}

export interface ValueSpec {
  name: string;
  type: OnnxDataType;
  /** A string is a symbolic dimension such as 'batch'. */
  shape: readonly (number | string)[];
}

export interface GraphSpec {
  name: string;
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  initializers: (TensorValue & { name: string })[];
  nodes: NodeSpec[];
  docString?: string;
}

export interface ModelOptions {
  opset: number;
  producerName: string;
  producerVersion: string;
  metadata?: Record<string, string>;
}

export function tensorFromFloat32(values: Float32Array, dims: readonly number[]): TensorValue {
  return { type: 'float32', dims, raw: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)) };
}

export function tensorFromInt64(values: readonly number[], dims: readonly number[] = [values.length]): TensorValue {
  const raw = new Uint8Array(values.length * 8);
  const dv = new DataView(raw.buffer);
  values.forEach((v, i) => dv.setBigInt64(i * 8, BigInt(v), true));
  return { type: 'int64', dims, raw };
}

function tensorProto(t: TensorValue, name?: string): ProtoWriter {
  const w = new ProtoWriter();
  if (t.dims.length > 0) w.packedInts(1, t.dims);
  w.int(2, DATA_TYPE_CODE[t.type]);
  if (name !== undefined) w.string(8, name);
  w.bytes(9, t.raw);
  return w;
}

function attributeProto(name: string, value: AttributeValue): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  // AttributeProto.AttributeType: FLOAT=1 INT=2 STRING=3 TENSOR=4 FLOATS=6 INTS=7
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: tag non-integer numbers as {float}`);
    w.int(3, value).int(20, 2);
  } else if (typeof value === 'string') {
    w.string(4, value).int(20, 3);
  } else if (Array.isArray(value)) {
    const ints = value as readonly number[];
    if (!ints.every(Number.isInteger)) throw new Error(`attribute ${name}: tag non-integer lists as {floats}`);
    w.packedInts(8, ints).int(20, 7);
  } else if ('float' in value) {
    w.float(2, value.float).int(20, 1);
  } else if ('floats' in value) {
    w.packedFloats(7, value.floats).int(20, 6);
  } else if ('tensor' in value) {
    w.message(5, tensorProto(value.tensor)).int(20, 4);
  }
  return w;
}

function valueInfoProto(v: ValueSpec): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.int(1, d);
    else dim.string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new ProtoWriter().int(1, DATA_TYPE_CODE[v.type]).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, v.name).message(2, type);
}

function nodeProto(n: NodeSpec, index: number): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name ?? `${n.op}_${index}`);
  w.string(4, n.op);
  for (const [k, v] of Object.entries(n.attributes ?? {})) w.message(5, attributeProto(k, v));
  if (n.domain) w.string(7, n.domain);
  return w;
}

/** Serialises a graph to ONNX bytes. The output depends only on the inputs, so builds are reproducible. */
export function encodeModel(graph: GraphSpec, options: ModelOptions): Uint8Array {
  const g = new ProtoWriter();
  graph.nodes.forEach((n, i) => g.message(1, nodeProto(n, i)));
  g.string(2, graph.name);
  for (const t of graph.initializers) g.message(5, tensorProto(t, t.name));
  if (graph.docString) g.string(10, graph.docString);
  for (const v of graph.inputs) g.message(11, valueInfoProto(v));
  for (const v of graph.outputs) g.message(12, valueInfoProto(v));

  const m = new ProtoWriter();
  m.int(1, 8); // ir_version 8 pairs with opsets up to 18 and is read by every ORT Web release we ship
  m.string(2, options.producerName);
  m.string(3, options.producerVersion);
  m.message(7, g);
  m.message(8, new ProtoWriter().string(1, '').int(2, options.opset));
  for (const [key, value] of Object.entries(options.metadata ?? {})) {
    m.message(14, new ProtoWriter().string(1, key).string(2, value));
  }
  return m.finish();
}
