/**
 * State shared by the operator mappers while one TFLite subgraph becomes one
 * ONNX graph: unique value names, emitted nodes and initializers, and access
 * to the folded constants.
 */
import { tensorFromFloat32, tensorFromInt64, type AttributeValue, type NodeSpec, type TensorValue } from '../onnx/onnx-builder.ts';
import type { ConstTensor } from './constant-tensors.ts';
import { NCHW_TO_NHWC_PERM, NHWC_TO_NCHW_PERM, onnxShape, transposeData } from './layout.ts';
import type { TfliteOperator, TfliteSubgraph, TfliteTensor } from './tflite-reader.ts';

export type Activation = string;

export class ConversionContext {
  readonly nodes: NodeSpec[] = [];
  readonly initializers: (TensorValue & { name: string })[] = [];
  private readonly taken = new Set<string>();
  private readonly valueNames = new Map<number, string>();
  private readonly sharedConsts = new Map<string, string>();
  private pendingActivations: [Activation, string, string][] = [];

  constructor(
    readonly sg: TfliteSubgraph,
    private readonly constants: Map<number, ConstTensor>,
  ) {
    // Graph inputs and outputs keep their TFLite names, so callers see familiar names.
    for (const i of [...sg.inputs, ...sg.outputs]) this.valueNames.set(i, this.fresh(this.tensor(i).name));
  }

  tensor(index: number): TfliteTensor {
    const t = this.sg.tensors[index];
    if (!t) throw new Error(`tensor index ${index} out of range`);
    return t;
  }

  /** TFLite (NHWC) shape. */
  shape(index: number): number[] {
    return this.tensor(index).shape;
  }

  rank(index: number): number {
    return this.shape(index).length;
  }

  isConst(index: number): boolean {
    return this.constants.has(index);
  }

  fresh(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_./:-]/g, '_') || 'v';
    let name = clean;
    for (let n = 1; this.taken.has(name); n++) name = `${clean}__${n}`;
    this.taken.add(name);
    return name;
  }

  /** ONNX value name of a tensor; constants used as data become initializers in ONNX layout. */
  value(index: number): string {
    const known = this.valueNames.get(index);
    if (known) return known;
    let name: string;
    if (this.isConst(index)) {
      const shape = this.shape(index);
      const data = this.constFloats(index);
      name = this.f32(this.tensor(index).name, shape.length === 4 ? transposeData(data, shape, NHWC_TO_NCHW_PERM) : data, onnxShape(shape));
    } else {
      name = this.fresh(this.tensor(index).name);
    }
    this.valueNames.set(index, name);
    return name;
  }

  constFloats(index: number): Float32Array {
    const c = this.constants.get(index);
    if (!c) throw new Error(`tensor ${this.tensor(index).name} must be constant`);
    if (c.values instanceof Float32Array) return c.values;
    if (c.type === 'INT32') return Float32Array.from(c.values);
    throw new Error(`constant ${this.tensor(index).name} is ${c.type}; expected it folded to FLOAT32`);
  }

  constInts(index: number): number[] {
    const c = this.constants.get(index);
    if (!c || c.type !== 'INT32') throw new Error(`tensor ${this.tensor(index).name} must be a constant INT32`);
    return Array.from(c.values);
  }

  node(op: string, inputs: readonly string[], outputs: readonly string[], attributes?: Record<string, AttributeValue>): void {
    this.nodes.push({ op, inputs, outputs, name: this.fresh(`${op}:${outputs[0] ?? ''}`), ...(attributes ? { attributes } : {}) });
  }

  f32(base: string, data: Float32Array, dims: readonly number[]): string {
    const name = this.fresh(base);
    this.initializers.push({ name, ...tensorFromFloat32(data, dims) });
    return name;
  }

  /** Small shared constants (shapes, scalars) are emitted once per distinct value. */
  i64(values: readonly number[]): string {
    const key = `i64:${values.join(',')}`;
    let name = this.sharedConsts.get(key);
    if (!name) {
      name = this.fresh(`const_i64_${values.join('_').replace(/-/g, 'm')}`);
      this.initializers.push({ name, ...tensorFromInt64(values) });
      this.sharedConsts.set(key, name);
    }
    return name;
  }

  scalarF32(value: number): string {
    const key = `f32:${value}`;
    let name = this.sharedConsts.get(key);
    if (!name) {
      name = this.fresh(`const_f32_${value}`);
      this.initializers.push({ name, ...tensorFromFloat32(Float32Array.of(value), []) });
      this.sharedConsts.set(key, name);
    }
    return name;
  }

  toNhwc(value: string): string {
    const out = this.fresh(`${value}_nhwc`);
    this.node('Transpose', [value], [out], { perm: [...NCHW_TO_NHWC_PERM] });
    return out;
  }

  toNchw(value: string, into?: string): string {
    const out = into ?? this.fresh(`${value}_nchw`);
    this.node('Transpose', [value], [out], { perm: [...NHWC_TO_NCHW_PERM] });
    return out;
  }

  /**
   * Where an operator should write so that its fused activation can follow:
   * returns the name for the raw result; the activation into the tensor's own
   * name is emitted by finishOperator(), after the operator's nodes, keeping
   * the node list topologically ordered.
   */
  outputWithActivation(op: TfliteOperator, activation: Activation = (op.options['activation'] as string) ?? 'NONE'): string {
    const out = this.value(op.outputs[0]!);
    if (activation === 'NONE') return out;
    const raw = this.fresh(`${out}_preact`);
    this.pendingActivations.push([activation, raw, out]);
    return raw;
  }

  finishOperator(): void {
    for (const [kind, input, output] of this.pendingActivations) this.activation(kind, input, output);
    this.pendingActivations = [];
  }

  activation(kind: Activation, input: string, output: string): void {
    switch (kind) {
      case 'RELU': this.node('Relu', [input], [output]); break;
      case 'RELU6': this.node('Clip', [input, this.scalarF32(0), this.scalarF32(6)], [output]); break;
      case 'RELU_N1_TO_1': this.node('Clip', [input, this.scalarF32(-1), this.scalarF32(1)], [output]); break;
      case 'TANH': this.node('Tanh', [input], [output]); break;
      default: throw new Error(`fused activation ${kind} is not supported`);
    }
  }
}
