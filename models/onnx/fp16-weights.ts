/**
 * The smaller model variant: weights stored as fp16, computation kept fp32.
 * Each large fp32 initializer becomes an fp16 one followed by a Cast back to
 * fp32 under the original name, so every backend (WASM has no fp16 kernels)
 * runs the same graph and ONNX Runtime folds the casts once at load.
 */
import { floatsToHalves } from '../converter/half-float.ts';
import type { GraphSpec, NodeSpec } from './onnx-builder.ts';

/** Shapes, scalars and clip bounds stay fp32: they are tiny and some must be exact. */
const MIN_ELEMENTS = 64;

const ONNX_FLOAT = 1;

export function withFp16Weights(graph: GraphSpec): GraphSpec {
  const casts: NodeSpec[] = [];
  const initializers = graph.initializers.map((t) => {
    const count = t.raw.byteLength / 4;
    if (t.type !== 'float32' || count < MIN_ELEMENTS) return t;
    const values = new Float32Array(t.raw.buffer.slice(t.raw.byteOffset, t.raw.byteOffset + t.raw.byteLength));
    const halves = floatsToHalves(values);
    const stored = `${t.name}__fp16`;
    casts.push({ op: 'Cast', inputs: [stored], outputs: [t.name], name: `Cast:${t.name}`, attributes: { to: ONNX_FLOAT } });
    return { name: stored, type: 'float16' as const, dims: t.dims, raw: new Uint8Array(halves.buffer) };
  });
  return { ...graph, initializers, nodes: [...casts, ...graph.nodes] };
}
