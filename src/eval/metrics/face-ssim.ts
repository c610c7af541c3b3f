/** The face region against the neutral render, on the runner's low-motion frames. */
import { mean, min } from './stats.ts';

/** Mean and minimum of the runner's face-region SSIM values (computed with ssim()); nulls when none. */
export function faceSsimSummary(values: readonly number[] | undefined): { mean: number | null; min: number | null } {
  const v = values ?? [];
  return { mean: mean(v), min: min(v) };
}
