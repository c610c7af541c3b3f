/** The messages between pages and the service worker: plain data, typed on both sides. */
export const STATUS_MESSAGE = 'vivify:offline-status';
export const SKIP_WAITING_MESSAGE = 'vivify:skip-waiting';
export const PROGRESS_MESSAGE = 'vivify:precache-progress';

/** The worker's answer to STATUS_MESSAGE. */
export interface WorkerStatus {
  version: string;
  /** Precache entries present in the cache, out of precacheTotal. */
  precached: number;
  precacheTotal: number;
  /** Everything in this build's cache, precached or cached on first use. */
  cachedBytes: number;
}

/** Sent to every open page while a build's cache fills. */
export interface InstallProgress {
  type: typeof PROGRESS_MESSAGE;
  version: string;
  doneBytes: number;
  totalBytes: number;
}
