/**
 * Reads a .tflite flatbuffer into plain objects: tensors with their shapes,
 * types, constant data, quantisation and sparsity, and operators with their
 * decoded options. Nothing is interpreted here; the converter decides meaning.
 */
import { FlatTable } from './flatbuffer-table.ts';
import {
  BUFFER, BUILTIN_CUSTOM, BUILTIN_OPERATOR_NAMES, DIMENSION_METADATA, MODEL, OPERATOR, OPERATOR_CODE,
  QUANTIZATION, SPARSE_INDEX_VECTOR, SPARSITY, SUBGRAPH, TENSOR, TENSOR_TYPE_NAMES, readOptions,
  type OptionValue, type TensorType,
} from './tflite-schema.ts';

export interface Quantization {
  scale: number[];
  zeroPoint: number[];
  /** Axis the per-channel scales run along. */
  quantizedDimension: number;
}

export interface DimensionMetadata {
  format: 'DENSE' | 'SPARSE_CSR';
  denseSize: number;
  segments: number[];
  indices: number[];
}

export interface Sparsity {
  traversalOrder: number[];
  blockMap: number[];
  dimMetadata: DimensionMetadata[];
}

export interface TfliteTensor {
  index: number;
  name: string;
  /** As stored: NHWC for images. */
  shape: number[];
  type: TensorType;
  /** Constant contents (an aligned copy), absent for activations. */
  data?: Uint8Array;
  quantization?: Quantization;
  sparsity?: Sparsity;
}

export interface TfliteOperator {
  /** Builtin name such as CONV_2D, or the custom code such as Convolution2DTransposeBias. */
  op: string;
  custom: boolean;
  version: number;
  /** Tensor indices; -1 marks an omitted optional input (a conv without bias). */
  inputs: number[];
  outputs: number[];
  options: Record<string, OptionValue>;
  customOptions?: Uint8Array;
}

export interface TfliteSubgraph {
  name: string;
  tensors: TfliteTensor[];
  inputs: number[];
  outputs: number[];
  operators: TfliteOperator[];
}

export interface TfliteModel {
  version: number;
  description: string;
  subgraphs: TfliteSubgraph[];
}

interface OpCode {
  op: string;
  custom: boolean;
  version: number;
}

export function readTflite(bytes: Uint8Array): TfliteModel {
  const ident = new TextDecoder().decode(bytes.subarray(4, 8));
  if (ident !== 'TFL3') throw new Error(`not a TFLite flatbuffer (identifier "${ident}")`);
  const model = FlatTable.root(bytes);
  const buffers = model.tables(MODEL.buffers).map((b) => bufferData(b, bytes));
  const opcodes = model.tables(MODEL.operatorCodes).map(readOpCode);
  return {
    version: model.uint32(MODEL.version),
    description: model.string(MODEL.description) ?? '',
    subgraphs: model.tables(MODEL.subgraphs).map((sg) => readSubgraph(sg, buffers, opcodes)),
  };
}

/** Buffers of models over 2 GB live after the flatbuffer, addressed by offset and size. */
function bufferData(buffer: FlatTable, file: Uint8Array): Uint8Array | undefined {
  const inline = buffer.bytes(BUFFER.data);
  if (inline && inline.length > 0) return inline;
  const offset = buffer.uint64(BUFFER.offset);
  const size = buffer.uint64(BUFFER.size);
  return offset > 1 && size > 0 ? file.subarray(offset, offset + size) : undefined;
}

function readOpCode(code: FlatTable): OpCode {
  // Codes above 127 moved to a new int32 field; the old byte field saturates at 127.
  const builtin = Math.max(code.int8(OPERATOR_CODE.deprecatedBuiltinCode), code.int32(OPERATOR_CODE.builtinCode));
  const version = code.int32(OPERATOR_CODE.version, 1);
  if (builtin === BUILTIN_CUSTOM) {
    return { op: code.string(OPERATOR_CODE.customCode) ?? 'CUSTOM', custom: true, version };
  }
  return { op: BUILTIN_OPERATOR_NAMES[builtin] ?? `BUILTIN_${builtin}`, custom: false, version };
}

function readSubgraph(sg: FlatTable, buffers: (Uint8Array | undefined)[], opcodes: OpCode[]): TfliteSubgraph {
  return {
    name: sg.string(SUBGRAPH.name) ?? '',
    tensors: sg.tables(SUBGRAPH.tensors).map((t, index) => readTensor(t, index, buffers)),
    inputs: sg.int32s(SUBGRAPH.inputs),
    outputs: sg.int32s(SUBGRAPH.outputs),
    operators: sg.tables(SUBGRAPH.operators).map((o) => readOperator(o, opcodes)),
  };
}

function readTensor(t: FlatTable, index: number, buffers: (Uint8Array | undefined)[]): TfliteTensor {
  const typeCode = t.int8(TENSOR.type);
  const type = TENSOR_TYPE_NAMES[typeCode];
  if (!type) throw new Error(`tensor ${index}: unknown type code ${typeCode}`);
  const tensor: TfliteTensor = { index, name: t.string(TENSOR.name) ?? `t${index}`, shape: t.int32s(TENSOR.shape), type };
  const data = buffers[t.uint32(TENSOR.buffer)];
  // slice() copies into a fresh ArrayBuffer, so typed-array views on it are aligned.
  if (data) tensor.data = data.slice();
  const q = t.table(TENSOR.quantization);
  if (q && q.has(QUANTIZATION.scale)) {
    tensor.quantization = {
      scale: q.float32s(QUANTIZATION.scale),
      zeroPoint: q.int64s(QUANTIZATION.zeroPoint),
      quantizedDimension: q.int32(QUANTIZATION.quantizedDimension),
    };
  }
  const s = t.table(TENSOR.sparsity);
  if (s) tensor.sparsity = readSparsity(s);
  return tensor;
}

function readSparsity(s: FlatTable): Sparsity {
  return {
    traversalOrder: s.int32s(SPARSITY.traversalOrder),
    blockMap: s.int32s(SPARSITY.blockMap),
    dimMetadata: s.tables(SPARSITY.dimMetadata).map((d) => ({
      format: d.int8(DIMENSION_METADATA.format) === 0 ? 'DENSE' : 'SPARSE_CSR',
      denseSize: d.int32(DIMENSION_METADATA.denseSize),
      segments: sparseIndexVector(d, DIMENSION_METADATA.segmentsType, DIMENSION_METADATA.segments),
      indices: sparseIndexVector(d, DIMENSION_METADATA.indicesType, DIMENSION_METADATA.indices),
    })),
  };
}

function sparseIndexVector(d: FlatTable, typeSlot: number, valueSlot: number): number[] {
  const holder = d.table(valueSlot);
  if (!holder) return [];
  switch (d.uint8(typeSlot)) {
    case SPARSE_INDEX_VECTOR.Int32Vector: return holder.int32s(0);
    case SPARSE_INDEX_VECTOR.Uint16Vector: return holder.uint16s(0);
    case SPARSE_INDEX_VECTOR.Uint8Vector: return holder.uint8s(0);
    default: return [];
  }
}

function readOperator(o: FlatTable, opcodes: OpCode[]): TfliteOperator {
  const index = o.uint32(OPERATOR.opcodeIndex);
  const code = opcodes[index];
  if (!code) throw new Error(`operator refers to missing opcode ${index}`);
  const op: TfliteOperator = {
    op: code.op,
    custom: code.custom,
    version: code.version,
    inputs: o.int32s(OPERATOR.inputs),
    outputs: o.int32s(OPERATOR.outputs),
    options: code.custom ? {} : readOptions(code.op, o.table(OPERATOR.builtinOptions)),
  };
  const customOptions = o.bytes(OPERATOR.customOptions);
  if (customOptions) op.customOptions = customOptions.slice();
  return op;
}
