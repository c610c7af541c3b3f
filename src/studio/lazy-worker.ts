/**
 * A worker started on first use, wrapped with comlink, whose thrown errors
 * come back as the typed VivifyError they were inside the worker.
 */
import { wrap, type Remote } from 'comlink';
import { reviveError } from '../contracts/errors.ts';

export function lazyWorker<Api>(start: () => Worker): <T>(f: (w: Remote<Api>) => Promise<T>) => Promise<T> {
  let remote: Remote<Api> | undefined;
  return async (f) => {
    remote ??= wrap<Api>(start());
    try {
      return await f(remote);
    } catch (e) {
      throw reviveError(e);
    }
  };
}
