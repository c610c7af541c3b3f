/**
 * Element-wise operators and concatenation. The only layout work is making
 * constant operands broadcast against NCHW activations the way they
 * broadcast against NHWC ones in TFLite.
 */
import type { ConversionContext } from './conversion-context.ts';
import { broadcastConstToNchw, onnxAxis } from './layout.ts';
import type { TfliteOperator } from './tflite-reader.ts';

/** The ONNX value for operand `index` of an operator whose other operands have rank `peerRank`. */
function operand(ctx: ConversionContext, index: number, peerRank: number): string {
  const rank = ctx.rank(index);
  if (!ctx.isConst(index)) {
    if (rank !== peerRank && (rank === 4 || peerRank === 4)) {
      throw new Error(`broadcasting a rank-${rank} activation against rank ${peerRank} is not supported`);
    }
    return ctx.value(index);
  }
  if (peerRank === 4 && rank !== 4) {
    const { data, dims } = broadcastConstToNchw(ctx.constFloats(index), ctx.shape(index));
    return ctx.f32(ctx.tensor(index).name, data, dims);
  }
  return ctx.value(index);
}

const BINARY: Record<string, string> = { ADD: 'Add', SUB: 'Sub', MUL: 'Mul', DIV: 'Div', MAXIMUM: 'Max', MINIMUM: 'Min' };

export function binary(ctx: ConversionContext, op: TfliteOperator): void {
  const [a, b] = op.inputs as [number, number];
  const rank = Math.max(ctx.rank(a), ctx.rank(b));
  ctx.node(BINARY[op.op]!, [operand(ctx, a, rank), operand(ctx, b, rank)], [ctx.outputWithActivation(op)]);
}

export function prelu(ctx: ConversionContext, op: TfliteOperator): void {
  const [x, alpha] = op.inputs as [number, number];
  ctx.node('PRelu', [ctx.value(x), operand(ctx, alpha, ctx.rank(x))], [ctx.value(op.outputs[0]!)]);
}

const UNARY: Record<string, string> = {
  LOGISTIC: 'Sigmoid', HARD_SWISH: 'HardSwish', TANH: 'Tanh', EXP: 'Exp', ABS: 'Abs', NEG: 'Neg', SQRT: 'Sqrt',
};

export function unary(ctx: ConversionContext, op: TfliteOperator): void {
  const out = ctx.value(op.outputs[0]!);
  const x = ctx.value(op.inputs[0]!);
  if (op.op in UNARY) ctx.node(UNARY[op.op]!, [x], [out]);
  else ctx.activation(op.op, x, out); // RELU, RELU6, RELU_N1_TO_1
}

export function concatenation(ctx: ConversionContext, op: TfliteOperator): void {
  const rank = ctx.rank(op.outputs[0]!);
  const inputs = op.inputs.map((i) => ctx.value(i));
  ctx.node('Concat', inputs, [ctx.outputWithActivation(op)], { axis: onnxAxis(op.options['axis'] as number, rank) });
}
