/**
 * The model runtime behind the model worker's comlink API: load a model from
 * the manifest (cache or network, verified), create its session on the best
 * backend, run it with plain tensors, and dispose it.
 *
 * A model may be loaded on several backends at once (each load returns its own
 * session key), which is how tests and the bench compare WebGPU with WASM.
 */
import { CancelledError, ModelRunError } from '../contracts/errors.ts';
import type { ProgressCallback } from '../contracts/progress.ts';
import { planBackends, wasmThreadCount, type Backend, type BackendPreference } from './backend-choice.ts';
import { probeCapabilities, type Capabilities } from './capabilities.ts';
import { loadModelBytes, type CacheStatus } from './model-loader.ts';
import { findModel, type ModelManifest } from './model-manifest.ts';
import { configureOrt, createSession, GpuRunFailure, runSession } from './session-factory.ts';
import type { TensorMap } from './tensor-data.ts';
import type { CachedModelInfo, WeightCache } from './weight-cache.ts';
import type { InferenceSession } from 'onnxruntime-web';

export interface RuntimeDeps {
  manifest: ModelManifest;
  cache: WeightCache;
  /** Absolute URL of the folder holding the model files, on our origin. */
  modelsBaseUrl: string;
  /** What the browser offers; the real probe unless a test page needs another answer. */
  probe?: () => Promise<Readonly<Capabilities>>;
}

export interface LoadOptions {
  backend?: BackendPreference;
  onProgress?: ProgressCallback;
}

export interface LoadReport {
  /** Pass to run() and dispose(). */
  session: string;
  modelId: string;
  backend: Backend;
  requested: BackendPreference;
  /** Backends skipped or failed before `backend`, with the reason. */
  fallbacks: string[];
  source: 'cache' | 'network';
  cacheStatus: CacheStatus;
  repairedCorruptEntry: boolean;
  warnings: string[];
  bytes: number;
  sha256: string;
  inputNames: string[];
  outputNames: string[];
  bytesMs: number;
  sessionMs: number;
}

export interface RunResult {
  outputs: TensorMap;
  ms: number;
  /** Where this run ran: a session created on WebGPU moves to WASM for good if the GPU refuses one of its runs. */
  backend: Backend;
  /** Why the session left WebGPU, when it did during this run. */
  movedToWasm?: string;
}

export function createModelRuntime(deps: RuntimeDeps) {
  interface Entry {
    session: InferenceSession;
    backend: Backend;
    modelId: string;
    requested: BackendPreference;
    /** The last run queued on this session. */
    turn: Promise<unknown>;
  }
  const sessions = new Map<string, Entry>();
  const probe = deps.probe ?? probeCapabilities;
  /** Models whose runs the GPU refused, with the reason: later loads go straight to WASM. */
  const gpuRefused = new Map<string, string>();
  const inflight = new Set<AbortController>();
  let lastBackend: Backend | undefined;
  let counter = 0;

  async function runOnce(s: Entry, feeds: TensorMap): Promise<RunResult> {
    const t0 = performance.now();
    try {
      const outputs = await runSession(s.session, feeds, s.backend);
      return { outputs, ms: performance.now() - t0, backend: s.backend };
    } catch (e) {
      if (!(e instanceof GpuRunFailure)) throw e;
      gpuRefused.set(s.modelId, e.message);
      // Forced means forced (backend-choice.ts): say so rather than move.
      if (s.requested === 'webgpu') throw new ModelRunError(`${s.modelId} on WebGPU: ${e.message}`, { cause: e });
      // Answers from a refused run are garbage; the same model on WASM is
      // slower but right. The session key stays valid for the caller.
      await moveToWasm(s);
      const t1 = performance.now();
      const outputs = await runSession(s.session, feeds, s.backend);
      return { outputs, ms: performance.now() - t1, backend: s.backend, movedToWasm: e.message };
    }
  }

  async function moveToWasm(s: Entry): Promise<void> {
    const refused = s.session;
    let created: Awaited<ReturnType<typeof createSession>>;
    try {
      const loaded = await loadModelBytes(findModel(deps.manifest, s.modelId), { baseUrl: deps.modelsBaseUrl, cache: deps.cache });
      created = await createSession(new Uint8Array(loaded.bytes), ['wasm']);
    } catch (e) {
      throw new ModelRunError(`${s.modelId}: the GPU refused it and WASM could not take over`, { cause: e });
    }
    // A dispose() meanwhile waits for this run's turn, then releases the new session.
    Object.assign(s, { session: created.session, backend: created.backend });
    lastBackend = created.backend;
    await refused.release().catch(() => undefined); // runs take turns: none is using it
  }

  async function ready(): Promise<Readonly<Capabilities>> {
    const caps = await probe();
    configureOrt(wasmThreadCount(caps));
    return caps;
  }

  return {
    capabilities: (): Promise<Readonly<Capabilities>> => probe(),

    manifest: (): ModelManifest => deps.manifest,

    /** The backend of the most recent successful load, for the diagnostics panel. */
    activeBackend: (): Backend | undefined => lastBackend,

    async load(modelId: string, options: LoadOptions = {}): Promise<LoadReport> {
      const entry = findModel(deps.manifest, modelId);
      const caps = await ready();
      const requested = options.backend ?? 'auto';
      const plan = planBackends(caps, requested);
      const refused = gpuRefused.get(modelId);
      if (refused && plan.order.includes('webgpu') && plan.order.includes('wasm')) {
        plan.order = plan.order.filter((b) => b !== 'webgpu');
        plan.skipped.push(`webgpu: ${refused}`);
      }
      const abort = new AbortController();
      inflight.add(abort);
      try {
        const t0 = performance.now();
        const loaded = await loadModelBytes(entry, {
          baseUrl: deps.modelsBaseUrl,
          cache: deps.cache,
          onProgress: options.onProgress,
          signal: abort.signal,
        });
        const t1 = performance.now();
        if (abort.signal.aborted) throw new CancelledError(`load of ${modelId} cancelled`);
        const created = await createSession(new Uint8Array(loaded.bytes), plan.order);
        const t2 = performance.now();
        const key = `${modelId}#${created.backend}#${++counter}`;
        sessions.set(key, { session: created.session, backend: created.backend, modelId, requested, turn: Promise.resolve() });
        lastBackend = created.backend;
        return {
          session: key,
          modelId,
          backend: created.backend,
          requested,
          fallbacks: [...plan.skipped, ...created.fallbacks],
          source: loaded.source,
          cacheStatus: loaded.cacheStatus,
          repairedCorruptEntry: loaded.repairedCorruptEntry,
          warnings: loaded.warnings,
          bytes: entry.bytes,
          sha256: entry.sha256,
          inputNames: [...created.session.inputNames],
          outputNames: [...created.session.outputNames],
          bytesMs: t1 - t0,
          sessionMs: t2 - t1,
        };
      } finally {
        inflight.delete(abort);
      }
    },

    async run(session: string, feeds: TensorMap): Promise<RunResult> {
      const s = sessions.get(session);
      if (!s) throw new Error(`no session "${session}": load the model first`);
      // ORT refuses a run on a session while another is going ("Session
      // already started"): runs of one session take turns.
      const turn = s.turn.then(() => runOnce(s, feeds));
      s.turn = turn.catch(() => undefined);
      return turn;
    },

    /**
     * Releases one session, or all of them when no key is given, once the
     * runs already queued on it are done (ORT fails a run whose session is
     * released under it: "invalid session id"). New runs are refused at once.
     */
    async dispose(session?: string): Promise<void> {
      const keys = session === undefined ? [...sessions.keys()] : [session];
      for (const k of keys) {
        const s = sessions.get(k);
        if (!s) continue;
        sessions.delete(k);
        await s.turn;
        await s.session.release();
      }
    },

    /** Aborts downloads in progress; their load() calls reject with CancelledError. */
    cancelLoads(): void {
      for (const a of inflight) a.abort();
    },

    listCached: (): Promise<CachedModelInfo[]> => deps.cache.list(),

    clearCache: (): Promise<number> => deps.cache.clear(),
  };
}

export type ModelRuntime = ReturnType<typeof createModelRuntime>;
