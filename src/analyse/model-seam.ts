/**
 * The one seam between the analyse pipelines and ONNX Runtime: a function
 * that runs a model by manifest id. The vision worker backs it with the
 * model runtime (WebGPU or WASM, weights from the verified cache); Node tests
 * back it with onnxruntime-web's WASM backend on the files in public/models.
 */
import type { TensorMap } from '../runtime/tensor-data.ts';
import type { ImagePyramid } from './image-pyramid.ts';

export type RunModel = (modelId: string, feeds: TensorMap) => Promise<TensorMap>;

/** What every pipeline step gets: the photo and a way to run models. */
export interface AnalyseContext {
  pyramid: ImagePyramid;
  runModel: RunModel;
  /** Checked between model runs; a cancelled analysis throws CancelledError. */
  signal?: AbortSignal;
}

export function outputData(outputs: TensorMap, name: string): Float32Array {
  const t = outputs[name];
  if (!t) throw new Error(`model output "${name}" missing (got ${Object.keys(outputs).join(', ')})`);
  if (!(t.data instanceof Float32Array)) throw new Error(`model output "${name}" is ${t.type}, expected float32`);
  return t.data;
}
