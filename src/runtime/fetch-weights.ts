/**
 * Fetches model bytes from our own origin, reporting progress as they stream.
 * The manifest's byte count is the total: a server may compress or omit
 * Content-Length, and the manifest is what we verify against anyway.
 */
import { CancelledError, ModelFetchError } from '../contracts/errors.ts';
import type { ProgressCallback } from '../contracts/progress.ts';

export interface FetchWeightsOptions {
  expectedBytes: number;
  stage: string;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** 'reload' bypasses the HTTP cache, used when a previous copy failed its checksum. */
  cache?: RequestCache;
  fetchImpl?: typeof fetch;
}

export async function fetchWeights(url: string, opts: FetchWeightsOptions): Promise<ArrayBuffer> {
  const doFetch = opts.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: opts.signal, cache: opts.cache ?? 'default', credentials: 'same-origin' });
  } catch (e) {
    if (opts.signal?.aborted) throw new CancelledError(`fetch of ${url} cancelled`);
    throw new ModelFetchError(`fetch of ${url} failed: ${String(e)}`, { cause: e });
  }
  if (!response.ok) throw new ModelFetchError(`fetch of ${url} answered HTTP ${response.status}`);
  if (!response.body) return response.arrayBuffer();

  const total = opts.expectedBytes;
  const out = new Uint8Array(total);
  let extra: Uint8Array[] = [];
  let done = 0;
  const reader = response.body.getReader();
  let lastReport = 0;
  try {
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (finished) break;
      if (done + value.length <= total) out.set(value, done);
      else extra.push(value); // longer than the manifest says: keep it so the checksum fails honestly
      done += value.length;
      // Report at most every 1%: a progress message per 64 KiB chunk would flood the comlink channel.
      if (opts.onProgress && (done - lastReport >= total / 100 || done >= total)) {
        lastReport = done;
        opts.onProgress({ stage: opts.stage, done: Math.min(done, total), total });
      }
    }
  } catch (e) {
    if (opts.signal?.aborted) throw new CancelledError(`fetch of ${url} cancelled`);
    throw new ModelFetchError(`download of ${url} broke off after ${done} bytes`, { cause: e });
  }
  if (done === total && extra.length === 0) return out.buffer;
  const joined = new Uint8Array(done);
  joined.set(out.subarray(0, Math.min(done, total)));
  let o = Math.min(done, total);
  for (const c of extra) {
    joined.set(c, o);
    o += c.length;
  }
  extra = [];
  return joined.buffer;
}
