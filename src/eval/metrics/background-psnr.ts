/** Whether the background stays the photo's while the person moves. */
import { mean, min } from './stats.ts';

/** A pixel-identical background measures Infinity dB; it is counted as this so a mean stays a number (and JSON can hold it). */
export const PSNR_CAP_DB = 100;

/** Mean and minimum of the runner's per-frame background PSNR values, dB, each capped at PSNR_CAP_DB. Nulls when none were measured. */
export function backgroundPsnrSummary(values: readonly number[] | undefined): { mean: number | null; min: number | null } {
  const capped = (values ?? []).map((v) => Math.min(v, PSNR_CAP_DB));
  return { mean: mean(capped), min: min(capped) };
}
