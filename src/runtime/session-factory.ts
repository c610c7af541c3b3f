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

/**
 * A WebGPU run that the GPU refused: a kernel's pipeline or bind group failed
 * validation, or memory ran out. ORT does not report these (they reach the
 * device's uncaptured-error handler as a console line), and the outputs it
 * returns are whatever the buffers held, usually zeros: a model that
 * "works" and answers nonsense. Caught by the model runtime, which moves the
 * model to WASM.
 */
export class GpuRunFailure extends Error {}

/**
 * WebGPU runs go one at a time: error scopes are a stack per device, so
 * overlapping runs would catch each other's errors. (GPU work outside a run,
 * such as a WebGPU session uploading its weights meanwhile, can still land in
 * a run's scope; and with ort.env.debug on, ORT's own per-kernel scopes catch
 * the errors first. Neither is how Vivify runs.)
 */
let gpuTurn: Promise<unknown> = Promise.resolve();

async function withGpuErrorScopes<T>(work: () => Promise<T>): Promise<T> {
  const device = await ort.env.webgpu.device;
  const turn = gpuTurn.then(async () => {
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    let result: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      result = { ok: true, value: await work() };
    } catch (error) {
      result = { ok: false, error };
    }
    // Both pops issued at once keep the stack balanced even if one rejects
    // (a lost device); a pop that rejects has nothing to report.
    const popped = await Promise.allSettled([device.popErrorScope(), device.popErrorScope()]);
    const refused = popped.flatMap((p) => (p.status === 'fulfilled' && p.value ? [p.value] : []));
    if (refused.length > 0) {
      const why = refused.map((e) => e.message.split(/(?<=\.)\s/)[0]).join('; ');
      throw new GpuRunFailure(`the GPU refused the run: ${why}`, result.ok ? undefined : { cause: result.error });
    }
    if (!result.ok) throw result.error;
    return result.value;
  });
  gpuTurn = turn.catch(() => undefined);
  return turn;
}

export async function runSession(session: ort.InferenceSession, feeds: TensorMap, backend: Backend): Promise<TensorMap> {
  return backend === 'webgpu' ? withGpuErrorScopes(() => runChecked(session, feeds)) : runChecked(session, feeds);
}

async function runChecked(session: ort.InferenceSession, feeds: TensorMap): Promise<TensorMap> {
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
