/** Model worker: ONNX Runtime Web sessions and the weight cache, behind one comlink API. */
import { expose } from 'comlink';
import manifestJson from '../models/manifest.json';
import { indexedDbStore } from '../src/runtime/key-value-store.ts';
import { createModelRuntime } from '../src/runtime/model-runtime.ts';
import { parseManifest } from '../src/runtime/model-manifest.ts';
import { WeightCache } from '../src/runtime/weight-cache.ts';

const base = new URL(import.meta.env.BASE_URL, self.location.origin);

const api = createModelRuntime({
  manifest: parseManifest(manifestJson),
  cache: new WeightCache(indexedDbStore()),
  modelsBaseUrl: new URL('models/', base).href,
});

expose(api);

export type ModelWorkerApi = typeof api;
