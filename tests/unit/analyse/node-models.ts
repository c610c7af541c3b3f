/**
 * The analyse pipelines' model seam, backed in Node by onnxruntime-web's WASM
 * backend on the converted models in public/models (written by `npm run
 * models`). One session per model per test file, released at the end.
 */
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import type { RunModel } from '../../../src/analyse/model-seam.ts';
import type { TensorMap } from '../../../src/runtime/tensor-data.ts';

// One thread: CI has two cores and vitest runs two test files at once.
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

interface Entry {
  id: string;
  file: string;
}

export interface NodeModels {
  runModel: RunModel;
  /** Milliseconds per model id, summed over runs. */
  timings: Map<string, number>;
  release(): Promise<void>;
}

export function nodeModels(): NodeModels {
  const sessions = new Map<string, Promise<ort.InferenceSession>>();
  const timings = new Map<string, number>();
  // Read, not imported: Playwright's ESM loader wants an import attribute for JSON, Vitest does not.
  const entries = (JSON.parse(readFileSync(new URL('../../../models/manifest.json', import.meta.url), 'utf8')) as { models: Entry[] }).models;
  const session = (id: string) => {
    let s = sessions.get(id);
    if (!s) {
      const entry = entries.find((e) => e.id === id);
      if (!entry) throw new Error(`model ${id} is not in models/manifest.json`);
      const bytes = readFileSync(new URL(`../../../public/models/${entry.file}`, import.meta.url));
      s = ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      sessions.set(id, s);
    }
    return s;
  };
  return {
    timings,
    async runModel(id, feeds) {
      const s = await session(id);
      const t0 = performance.now();
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(t.type, t.data, t.dims);
      const results = await s.run(ortFeeds);
      const out: TensorMap = {};
      for (const [name, t] of Object.entries(results)) out[name] = { type: 'float32', dims: [...t.dims], data: t.data as Float32Array };
      timings.set(id, (timings.get(id) ?? 0) + performance.now() - t0);
      return out;
    },
    async release() {
      for (const s of sessions.values()) await (await s).release();
      sessions.clear();
    },
  };
}
