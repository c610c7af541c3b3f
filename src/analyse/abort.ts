import { CancelledError } from '../contracts/errors.ts';

/** Analysis checks this between model runs: a model run itself cannot be interrupted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError('photo analysis cancelled');
}
