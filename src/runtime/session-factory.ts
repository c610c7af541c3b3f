/**
 * Creates ONNX Runtime Web sessions, trying backends in the planned order and
 * recording each fallback. ORT's own WASM file is served from our origin: the
 * bundle names it with `new URL(…, import.meta.url)`, which Vite emits as one
 * of our hashed assets, so no wasmPaths (and no CDN) is involved.
 */
import * as ort from 'onnxruntime-web';
import { ModelRunError } from '../contracts/errors.ts';
import type { Backend } from './backend-choice.ts';
import type { TensorData, TensorMap } from './tensor-data.ts';

let configuredFor: string | undefined;

export function configureOrt(numThreads: number): void {
  const key = String(numThreads);
  if (configuredFor === key) return;
  if (configuredFor !== undefined) throw new Error('ONNX Runtime is already initialised with other settings');
  ort.env.wasm.numThreads = numThreads;
  // ORT logs every node it places on the CPU at 'warning'; only errors belong in the console.
  ort.env.logLevel = 'error';
  configuredFor = key;
}

export interface CreatedSession {
  session: ort.InferenceSession;
  backend: Backend;
  /** "webgpu: <error>" for each backend that failed before one worked. */
  fallbacks: string[];
}

export async function createSession(bytes: Uint8Array, order: Backend[]): Promise<CreatedSession> {
  const fallbacks: string[] = [];
  for (const backend of order) {
    try {
      const session = await ort.InferenceSession.create(bytes, {
        executionProviders: [backend],
        graphOptimizationLevel: 'all',
        // 3 = error. At 'warning' ORT reports, as a console error, that it keeps
        // shape ops on the CPU by design: noise that would hide real errors.
        logSeverityLevel: 3,
      });
      return { session, backend, fallbacks };
    } catch (e) {
      fallbacks.push(`${backend}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new ModelRunError(`no backend could create the session (${fallbacks.join('; ')})`);
}

export async function runSession(session: ort.InferenceSession, feeds: TensorMap): Promise<TensorMap> {
  const ortFeeds: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(t.type, t.data, t.dims);
  let results: ort.InferenceSession.OnnxValueMapType;
  try {
    results = await session.run(ortFeeds);
  } catch (e) {
    throw new ModelRunError(`inference failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const out: TensorMap = {};
  for (const [name, value] of Object.entries(results)) {
    const t = value as ort.Tensor;
    // getData() downloads GPU-resident outputs; with the default output location they are already on the CPU.
    const data = (await t.getData()) as TensorData['data'];
    out[name] = { type: t.type as TensorData['type'], dims: [...t.dims], data };
    t.dispose();
  }
  return out;
}
