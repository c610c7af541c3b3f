/**
 * The parts of tensorflow/lite/schema/schema.fbs the reader needs: enum values
 * and the field order of the tables. Field slots count union fields twice (a
 * hidden `_type` byte comes first), exactly as flatc lays them out.
 */
import type { FlatTable } from './flatbuffer-table.ts';

/** BuiltinOperator, by code. Index = code; later codes are not used by the models we convert. */
export const BUILTIN_OPERATOR_NAMES: readonly string[] = [
  'ADD', 'AVERAGE_POOL_2D', 'CONCATENATION', 'CONV_2D', 'DEPTHWISE_CONV_2D', 'DEPTH_TO_SPACE',
  'DEQUANTIZE', 'EMBEDDING_LOOKUP', 'FLOOR', 'FULLY_CONNECTED', 'HASHTABLE_LOOKUP', 'L2_NORMALIZATION',
  'L2_POOL_2D', 'LOCAL_RESPONSE_NORMALIZATION', 'LOGISTIC', 'LSH_PROJECTION', 'LSTM', 'MAX_POOL_2D',
  'MUL', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'RESHAPE', 'RESIZE_BILINEAR', 'RNN', 'SOFTMAX',
  'SPACE_TO_DEPTH', 'SVDF', 'TANH', 'CONCAT_EMBEDDINGS', 'SKIP_GRAM', 'CALL', 'CUSTOM',
  'EMBEDDING_LOOKUP_SPARSE', 'PAD', 'UNIDIRECTIONAL_SEQUENCE_RNN', 'GATHER', 'BATCH_TO_SPACE_ND',
  'SPACE_TO_BATCH_ND', 'TRANSPOSE', 'MEAN', 'SUB', 'DIV', 'SQUEEZE', 'UNIDIRECTIONAL_SEQUENCE_LSTM',
  'STRIDED_SLICE', 'BIDIRECTIONAL_SEQUENCE_RNN', 'EXP', 'TOPK_V2', 'SPLIT', 'LOG_SOFTMAX', 'DELEGATE',
  'BIDIRECTIONAL_SEQUENCE_LSTM', 'CAST', 'PRELU', 'MAXIMUM', 'ARG_MAX', 'MINIMUM', 'LESS', 'NEG',
  'PADV2', 'GREATER', 'GREATER_EQUAL', 'LESS_EQUAL', 'SELECT', 'SLICE', 'SIN', 'TRANSPOSE_CONV',
  'SPARSE_TO_DENSE', 'TILE', 'EXPAND_DIMS', 'EQUAL', 'NOT_EQUAL', 'LOG', 'SUM', 'SQRT', 'RSQRT',
  'SHAPE', 'POW', 'ARG_MIN', 'FAKE_QUANT', 'REDUCE_PROD', 'REDUCE_MAX', 'PACK', 'LOGICAL_OR',
  'ONE_HOT', 'LOGICAL_AND', 'LOGICAL_NOT', 'UNPACK', 'REDUCE_MIN', 'FLOOR_DIV', 'REDUCE_ANY', 'SQUARE',
  'ZEROS_LIKE', 'FILL', 'FLOOR_MOD', 'RANGE', 'RESIZE_NEAREST_NEIGHBOR', 'LEAKY_RELU',
  'SQUARED_DIFFERENCE', 'MIRROR_PAD', 'ABS', 'SPLIT_V', 'UNIQUE', 'CEIL', 'REVERSE_V2', 'ADD_N',
  'GATHER_ND', 'COS', 'WHERE', 'RANK', 'ELU', 'REVERSE_SEQUENCE', 'MATRIX_DIAG', 'QUANTIZE',
  'MATRIX_SET_DIAG', 'ROUND', 'HARD_SWISH', 'IF', 'WHILE', 'NON_MAX_SUPPRESSION_V4',
  'NON_MAX_SUPPRESSION_V5', 'SCATTER_ND', 'SELECT_V2', 'DENSIFY', 'SEGMENT_SUM', 'BATCH_MATMUL',
];

export const BUILTIN_CUSTOM = 32;

/** TensorType, by code. */
export const TENSOR_TYPE_NAMES = [
  'FLOAT32', 'FLOAT16', 'INT32', 'UINT8', 'INT64', 'STRING', 'BOOL', 'INT16', 'COMPLEX64', 'INT8',
  'FLOAT64', 'COMPLEX128', 'UINT64', 'RESOURCE', 'VARIANT', 'UINT32', 'UINT16', 'INT4',
] as const;
export type TensorType = (typeof TENSOR_TYPE_NAMES)[number];

/** Table field slots (vtable index) for the tables the reader walks. */
export const MODEL = { version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4 } as const;
export const OPERATOR_CODE = { deprecatedBuiltinCode: 0, customCode: 1, version: 2, builtinCode: 3 } as const;
export const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 } as const;
export const TENSOR = { shape: 0, type: 1, buffer: 2, name: 3, quantization: 4, isVariable: 5, sparsity: 6 } as const;
export const QUANTIZATION = { min: 0, max: 1, scale: 2, zeroPoint: 3, quantizedDimension: 6 } as const;
export const SPARSITY = { traversalOrder: 0, blockMap: 1, dimMetadata: 2 } as const;
export const DIMENSION_METADATA = {
  format: 0, denseSize: 1, segmentsType: 2, segments: 3, indicesType: 4, indices: 5,
} as const;
/** SparseIndexVector union members: each is a table whose slot 0 is `values`. */
export const SPARSE_INDEX_VECTOR = { Int32Vector: 1, Uint16Vector: 2, Uint8Vector: 3 } as const;
export const OPERATOR = {
  opcodeIndex: 0, inputs: 1, outputs: 2, builtinOptionsType: 3, builtinOptions: 4, customOptions: 5,
} as const;
export const BUFFER = { data: 0, offset: 1, size: 2 } as const;

/** Padding and ActivationFunctionType enums, shared by many options tables. */
export const PADDING = ['SAME', 'VALID'] as const;
export const ACTIVATION = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'TANH', 'SIGN_BIT'] as const;

type FieldKind = 'int32' | 'uint8' | 'bool' | 'float32' | 'int32s' | 'padding' | 'activation';
type OptionsLayout = readonly (readonly [name: string, kind: FieldKind, fallback?: number])[];

/**
 * Options tables by the operator that carries them. Slot = position in the list.
 * Defaults follow schema.fbs (dilation factors default to 1).
 */
export const OPTIONS_LAYOUTS: Readonly<Record<string, OptionsLayout>> = {
  CONV_2D: [['padding', 'padding'], ['strideW', 'int32'], ['strideH', 'int32'], ['activation', 'activation'],
    ['dilationW', 'int32', 1], ['dilationH', 'int32', 1]],
  DEPTHWISE_CONV_2D: [['padding', 'padding'], ['strideW', 'int32'], ['strideH', 'int32'],
    ['depthMultiplier', 'int32'], ['activation', 'activation'], ['dilationW', 'int32', 1], ['dilationH', 'int32', 1]],
  AVERAGE_POOL_2D: [['padding', 'padding'], ['strideW', 'int32'], ['strideH', 'int32'],
    ['filterW', 'int32'], ['filterH', 'int32'], ['activation', 'activation']],
  MAX_POOL_2D: [['padding', 'padding'], ['strideW', 'int32'], ['strideH', 'int32'],
    ['filterW', 'int32'], ['filterH', 'int32'], ['activation', 'activation']],
  ADD: [['activation', 'activation']],
  SUB: [['activation', 'activation']],
  MUL: [['activation', 'activation']],
  DIV: [['activation', 'activation']],
  CONCATENATION: [['axis', 'int32'], ['activation', 'activation']],
  RESHAPE: [['newShape', 'int32s']],
  RESIZE_BILINEAR: [['newHeight', 'int32'], ['newWidth', 'int32'], ['alignCorners', 'bool'], ['halfPixelCenters', 'bool']],
  MEAN: [['keepDims', 'bool']],
  FULLY_CONNECTED: [['activation', 'activation'], ['weightsFormat', 'uint8'], ['keepNumDims', 'bool'],
    ['asymmetricQuantizeInputs', 'bool']],
  DEPTH_TO_SPACE: [['blockSize', 'int32']],
  SPACE_TO_DEPTH: [['blockSize', 'int32']],
  STRIDED_SLICE: [['beginMask', 'int32'], ['endMask', 'int32'], ['ellipsisMask', 'int32'],
    ['newAxisMask', 'int32'], ['shrinkAxisMask', 'int32'], ['offset', 'bool']],
  SOFTMAX: [['beta', 'float32']],
  TRANSPOSE_CONV: [['padding', 'padding'], ['strideW', 'int32'], ['strideH', 'int32'], ['activation', 'activation']],
  LEAKY_RELU: [['alpha', 'float32']],
  SQUEEZE: [['squeezeDims', 'int32s']],
};

export type OptionValue = number | boolean | string | number[];

export function readOptions(op: string, table: FlatTable | undefined): Record<string, OptionValue> {
  const layout = OPTIONS_LAYOUTS[op];
  const out: Record<string, OptionValue> = {};
  if (!layout) return out;
  layout.forEach(([name, kind, fallback = 0], slot) => {
    if (!table) {
      out[name] = kind === 'bool' ? false : kind === 'int32s' ? [] : fallback;
      if (kind === 'padding') out[name] = PADDING[0];
      if (kind === 'activation') out[name] = ACTIVATION[0];
      return;
    }
    switch (kind) {
      case 'int32': out[name] = table.int32(slot, fallback); break;
      case 'uint8': out[name] = table.uint8(slot, fallback); break;
      case 'bool': out[name] = table.bool(slot); break;
      case 'float32': out[name] = table.float32(slot, fallback); break;
      case 'int32s': out[name] = table.int32s(slot); break;
      case 'padding': out[name] = PADDING[table.int8(slot)] ?? 'UNKNOWN'; break;
      case 'activation': out[name] = ACTIVATION[table.int8(slot)] ?? 'UNKNOWN'; break;
    }
  });
  return out;
}
