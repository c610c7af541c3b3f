/**
 * Main-thread handle on the model worker. The worker starts on first use, and
 * errors thrown inside it come back as the typed VivifyError they were.
 */
import { proxy } from 'comlink';
import type { ProgressCallback } from '../contracts/progress.ts';
import type { LoadOptions } from '../runtime/model-runtime.ts';
import type { ModelWorkerApi } from '../../workers/model.worker.ts';
import { lazyWorker } from './lazy-worker.ts';

const call = lazyWorker<ModelWorkerApi>(
  () => new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module', name: 'vivify-models' }),
);

export const modelClient = {
  capabilities: () => call((w) => w.capabilities()),
  manifest: () => call((w) => w.manifest()),
  activeBackend: () => call((w) => w.activeBackend()),
  load: (modelId: string, options: Omit<LoadOptions, 'onProgress'> & { onProgress?: ProgressCallback } = {}) =>
    call((w) => w.load(modelId, { ...options, onProgress: options.onProgress ? proxy(options.onProgress) : undefined })),
  run: (...args: Parameters<ModelWorkerApi['run']>) => call((w) => w.run(...args)),
  dispose: (session?: string) => call((w) => w.dispose(session)),
  cancelLoads: () => call((w) => w.cancelLoads()),
  listCached: () => call((w) => w.listCached()),
  clearCache: () => call((w) => w.clearCache()),
};

export type ModelClient = typeof modelClient;
