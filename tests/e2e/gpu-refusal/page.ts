/**
 * The model runtime (src/runtime) in a page of its own, with two models built
 * here: both concatenate nine scaled copies of their input, one in a single
 * Concat (nine inputs and an output: more storage buffers than WebGPU
 * guarantees a shader, so the GPU refuses the kernel) and one in a tree of
 * Concats of at most four. Their weights sit in an in-memory cache, so
 * nothing is fetched.
 *
 * Automatic choice takes WASM on a software adapter (backend-choice.ts), and
 * SwiftShader is one: the automatic runs here use a probe that calls it
 * hardware, so they reach WebGPU as they would on a real GPU.
 */
import { encodeModel, tensorFromFloat32, type GraphSpec, type NodeSpec } from '../../../models/onnx/onnx-builder.ts';
import { memoryStore } from '../../../src/runtime/key-value-store.ts';
import type { ModelEntry } from '../../../src/runtime/model-manifest.ts';
import { createModelRuntime, type LoadReport, type RunResult } from '../../../src/runtime/model-runtime.ts';
import { probeCapabilities } from '../../../src/runtime/capabilities.ts';
import { sha256Hex } from '../../../src/runtime/sha256.ts';
import { WeightCache } from '../../../src/runtime/weight-cache.ts';

const COPIES = 9;

function nineCopies(id: string, wide: boolean): Uint8Array {
  const nodes: NodeSpec[] = [];
  const initializers: GraphSpec['initializers'] = [];
  const copies: string[] = [];
  for (let k = 0; k < COPIES; k++) {
    initializers.push({ name: `k${k}`, ...tensorFromFloat32(Float32Array.of(k + 1), [1]) });
    nodes.push({ op: 'Mul', inputs: ['x', `k${k}`], outputs: [`copy${k}`] });
    copies.push(`copy${k}`);
  }
  if (wide) nodes.push({ op: 'Concat', inputs: copies, outputs: ['y'], attributes: { axis: 1 } });
  else {
    nodes.push({ op: 'Concat', inputs: copies.slice(0, 4), outputs: ['a'], attributes: { axis: 1 } });
    nodes.push({ op: 'Concat', inputs: copies.slice(4, 8), outputs: ['b'], attributes: { axis: 1 } });
    nodes.push({ op: 'Concat', inputs: ['a', 'b', copies[8]!], outputs: ['y'], attributes: { axis: 1 } });
  }
  const graph: GraphSpec = {
    name: id,
    inputs: [{ name: 'x', type: 'float32', shape: [1, 4] }],
    outputs: [{ name: 'y', type: 'float32', shape: [1, 4 * COPIES] }],
    initializers,
    nodes,
  };
  return encodeModel(graph, { opset: 17, producerName: 'vivify-test', producerVersion: '1' });
}

export interface RefusalReport {
  model: string;
  load: Pick<LoadReport, 'backend' | 'fallbacks'>;
  runs: Pick<RunResult, 'backend' | 'movedToWasm'>[];
  /** Max |output − input × copy number| over the runs. */
  maxError: number;
  /** The same model loaded again after the runs. */
  reload: Pick<LoadReport, 'backend' | 'fallbacks'>;
  /** A run with WebGPU forced, in a fresh runtime: the error's name and message, or 'none'. */
  forced: string;
  /** Three runs at once in a fresh runtime, automatic choice: where each ran, and the worst error. */
  together: { backends: string[]; maxError: number };
  /** A run with dispose() called while it is going: 'answered' with its worst error, or the run's error. */
  disposedMidRun: string;
}

function check(x: Float32Array, y: Float32Array): number {
  let worst = 0;
  for (let k = 0; k < COPIES; k++) for (let i = 0; i < 4; i++) worst = Math.max(worst, Math.abs(y[k * 4 + i]! - x[i]! * (k + 1)));
  return worst;
}

async function runBoth(): Promise<RefusalReport[]> {
  const store = memoryStore();
  const cache = new WeightCache(store);
  const models: ModelEntry[] = [];
  for (const [id, wide] of [['nine-in-one-concat', true], ['nine-in-a-concat-tree', false]] as const) {
    const bytes = nineCopies(id, wide);
    const sha256 = await sha256Hex(bytes);
    await cache.write(id, sha256, bytes.slice().buffer);
    models.push({
      id, file: `${id}.onnx`, bytes: bytes.byteLength, sha256, licence: 'test', source: 'tests/e2e/gpu-refusal/page.ts', precision: 'fp32',
      inputs: [{ name: 'x', type: 'float32', shape: [1, 4] }], outputs: [{ name: 'y', type: 'float32', shape: [1, 4 * COPIES] }],
    });
  }
  const deps = { manifest: { version: 1 as const, models }, cache, modelsBaseUrl: `${location.origin}/no-models-here/` };
  const asHardware = async () => {
    const caps = await probeCapabilities();
    return caps.webgpu.available ? { ...caps, webgpu: { ...caps.webgpu, adapter: { ...caps.webgpu.adapter, isFallbackAdapter: false } } } : caps;
  };
  const runtime = createModelRuntime({ ...deps, probe: asHardware });
  const reports: RefusalReport[] = [];
  for (const { id } of models) {
    const load = await runtime.load(id, { backend: 'auto' });
    const runs: RefusalReport['runs'] = [];
    let maxError = 0;
    for (let r = 0; r < 2; r++) {
      const x = Float32Array.of(1 + r, -2, 0.5, 3);
      const result = await runtime.run(load.session, { x: { type: 'float32', dims: [1, 4], data: x } });
      runs.push({ backend: result.backend, ...(result.movedToWasm ? { movedToWasm: result.movedToWasm } : {}) });
      maxError = Math.max(maxError, check(x, result.outputs['y']!.data as Float32Array));
    }
    await runtime.dispose(load.session);
    const again = await runtime.load(id, { backend: 'auto' });
    await runtime.dispose(again.session);
    const strict = createModelRuntime(deps);
    const forcedLoad = await strict.load(id, { backend: 'webgpu' });
    const forced = await strict.run(forcedLoad.session, { x: { type: 'float32', dims: [1, 4], data: Float32Array.of(1, 2, 3, 4) } }).then(
      () => 'none',
      (e: Error) => `${e.name}: ${e.message}`,
    );
    await strict.dispose();
    // Runs refused together move once, and each reruns on the new session.
    const fresh = createModelRuntime({ ...deps, probe: asHardware });
    const shared = await fresh.load(id, { backend: 'auto' });
    const inputs = [0, 1, 2].map((r) => Float32Array.of(r, 1, -1, 2));
    const results = await Promise.all(inputs.map((x) => fresh.run(shared.session, { x: { type: 'float32', dims: [1, 4], data: x } })));
    const together = { backends: results.map((r) => r.backend), maxError: Math.max(...results.map((r, k) => check(inputs[k]!, r.outputs['y']!.data as Float32Array))) };
    await fresh.dispose();
    const last = createModelRuntime({ ...deps, probe: asHardware });
    const doomed = await last.load(id, { backend: 'auto' });
    const x = Float32Array.of(4, 3, 2, 1);
    const running = last.run(doomed.session, { x: { type: 'float32', dims: [1, 4], data: x } });
    const [ran] = await Promise.allSettled([running, last.dispose(doomed.session)]);
    const disposedMidRun = ran.status === 'fulfilled' ? `answered, error ${check(x, ran.value.outputs['y']!.data as Float32Array)}` : `${(ran.reason as Error).name}: ${(ran.reason as Error).message}`;
    reports.push({ model: id, load: { backend: load.backend, fallbacks: load.fallbacks }, runs, maxError, reload: { backend: again.backend, fallbacks: again.fallbacks }, forced, together, disposedMidRun });
  }
  return reports;
}

declare global {
  interface Window {
    vivifyGpuRefusal?: () => Promise<RefusalReport[]>;
  }
}
window.vivifyGpuRefusal = runBoth;
