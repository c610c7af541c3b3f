/**
 * The page's side of offline support: registers the service worker in
 * production builds, and reports how ready the studio is to work offline.
 *
 * Svelte-free: `offlineStatus()` answers once, `watchOfflineStatus()` (also
 * offered as `offlineStatusStore`, which satisfies Svelte's store contract)
 * calls back whenever the worker's state changes.
 */
import { PROGRESS_MESSAGE, SKIP_WAITING_MESSAGE, STATUS_MESSAGE, type InstallProgress, type WorkerStatus } from './messages.ts';

export interface OfflineStatus {
  /** True when every file the studio needs offline is in this build's cache. */
  ready: boolean;
  /** Bytes in the active build's cache (the app, engines, models; precached or cached on first use). */
  cachedBytes: number;
  /** The active build's version, or null without an active worker. */
  version: string | null;
  /** Precache download while a build installs (the first visit, or an update), else null. */
  installing: { doneBytes: number; totalBytes: number } | null;
  /** A newer build has installed and waits for this page; `applyUpdate()` switches to it. */
  updateWaiting: boolean;
  /** Why offline use is unavailable, when it is (no service worker support, dev server, registration refused). */
  reason?: string;
}

const WORKER_URL = `${import.meta.env.BASE_URL}sw.js`;
const STATUS_TIMEOUT_MS = 5000;

let registering: Promise<ServiceWorkerRegistration | null> | undefined;
let refusal: string | undefined;
let lastProgress: InstallProgress | undefined;
const listeners = new Set<(s: OfflineStatus) => void>();

function supported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
}

/**
 * Registers sw.js once, after the page has loaded so the precache download
 * does not compete with the studio's first paint. Production builds only: in
 * `vite dev` a worker serving cached modules would fight hot reload.
 */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!import.meta.env.PROD) {
    refusal = 'offline mode is off in the dev server';
    // A worker left by a production build served on this same origin would answer with stale cached modules.
    if (supported()) void navigator.serviceWorker.getRegistrations().then((all) => all.forEach((r) => void r.unregister()));
    return Promise.resolve(null);
  }
  if (!supported()) {
    refusal = 'this browser has no service workers';
    return Promise.resolve(null);
  }
  registering ??= (async () => {
    if (document.readyState !== 'complete') await new Promise((r) => addEventListener('load', r, { once: true }));
    watchWorker();
    try {
      const reg = (await navigator.serviceWorker.register(WORKER_URL, { scope: import.meta.env.BASE_URL })) as ServiceWorkerRegistration | undefined;
      // Blockers (extensions, automation with service workers off) stub
      // register() and hand back nothing instead of refusing.
      if (!reg) throw new Error('service workers are blocked here');
      trackRegistration(reg);
      return reg;
    } catch (e) {
      // Private windows and some policies refuse service workers: the studio still works online.
      refusal = `the browser refused offline mode (${e instanceof Error ? e.message : String(e)})`;
      console.warn(`Vivify: ${refusal}`);
      notify();
      return null;
    }
  })();
  return registering;
}

export async function offlineStatus(): Promise<OfflineStatus> {
  const none = (reason: string | undefined): OfflineStatus => ({ ready: false, cachedBytes: 0, version: null, installing: progressNow(), updateWaiting: false, reason });
  if (!supported()) return none(refusal ?? 'this browser has no service workers');
  const reg = await navigator.serviceWorker.getRegistration(import.meta.env.BASE_URL);
  if (!reg?.active) return none(refusal);
  const answer = await ask(reg.active).catch(() => undefined);
  if (!answer) return { ...none('the offline worker did not answer'), updateWaiting: reg.waiting !== null };
  if (lastProgress?.version === answer.version) lastProgress = undefined; // that install is finished
  return {
    ready: answer.precached === answer.precacheTotal,
    cachedBytes: answer.cachedBytes,
    version: answer.version,
    installing: progressNow(),
    updateWaiting: reg.waiting !== null,
  };
}

/** Calls `listener` now and after every change; returns the function that stops it. */
export function watchOfflineStatus(listener: (s: OfflineStatus) => void): () => void {
  listeners.add(listener);
  void offlineStatus().then(listener);
  return () => listeners.delete(listener);
}

export const offlineStatusStore = { subscribe: watchOfflineStatus };

/** Lets a waiting build take over, then reloads so the page and its cache agree. */
export async function applyUpdate(): Promise<void> {
  const reg = supported() ? await navigator.serviceWorker.getRegistration(import.meta.env.BASE_URL) : undefined;
  if (!reg?.waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  reg.waiting.postMessage({ type: SKIP_WAITING_MESSAGE });
}

function progressNow(): OfflineStatus['installing'] {
  return lastProgress ? { doneBytes: lastProgress.doneBytes, totalBytes: lastProgress.totalBytes } : null;
}

function ask(worker: ServiceWorker): Promise<WorkerStatus> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('no answer')), STATUS_TIMEOUT_MS);
    channel.port1.onmessage = (e: MessageEvent<WorkerStatus>) => {
      clearTimeout(timer);
      resolve(e.data);
    };
    worker.postMessage({ type: STATUS_MESSAGE }, [channel.port2]);
  });
}

let notifying = false;
/** Coalesces bursts (one progress message per file) into one status query. */
function notify(): void {
  if (notifying || listeners.size === 0) return;
  notifying = true;
  setTimeout(() => {
    notifying = false;
    void offlineStatus().then((s) => listeners.forEach((l) => l(s)));
  }, 100);
}

function watchWorker(): void {
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent<unknown>) => {
    const m = e.data as Partial<InstallProgress> | null;
    if (m?.type !== PROGRESS_MESSAGE) return;
    lastProgress = m as InstallProgress;
    notify();
  });
  navigator.serviceWorker.addEventListener('controllerchange', notify);
}

function trackRegistration(reg: ServiceWorkerRegistration): void {
  const follow = (w: ServiceWorker | null) =>
    w?.addEventListener('statechange', () => {
      // An install that fails (storage full, a file missing on the server) leaves the worker redundant.
      if (w.state === 'redundant' && !reg.active) refusal = 'the offline download did not complete (is storage full?); the studio still works online';
      if (w.state === 'redundant') lastProgress = undefined;
      notify();
    });
  follow(reg.installing);
  follow(reg.waiting);
  reg.addEventListener('updatefound', () => {
    follow(reg.installing);
    notify();
  });
}
