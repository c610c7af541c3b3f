/**
 * A worker started on first use, wrapped with comlink, whose thrown errors
 * come back as the typed VivifyError they were inside the worker.
 */
import { wrap, type Remote } from 'comlink';
import { reviveError } from '../contracts/errors.ts';

export interface WorkerCall<Api> {
  <T>(f: (w: Remote<Api>) => Promise<T>): Promise<T>;
  /** The worker itself, for callers that interleave several calls (revive their errors with `call`). */
  remote(): Remote<Api>;
}

export function lazyWorker<Api>(start: () => Worker): WorkerCall<Api> {
  let remote: Remote<Api> | undefined;
  const get = () => (remote ??= wrap<Api>(start()));
  const call = async <T>(f: (w: Remote<Api>) => Promise<T>): Promise<T> => {
    try {
      return await f(get());
    } catch (e) {
      throw reviveError(e);
    }
  };
  return Object.assign(call, { remote: get });
}
