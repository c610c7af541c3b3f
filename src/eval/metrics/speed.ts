/** How fast the pipeline is compared with the audio it animates. */

/**
 * Real-time factor: total wall time / audio duration. Total wall time is
 * timings.total (ms) when the runner measured the whole pipeline, otherwise
 * the sum of the stage timings (stages run one after another). Below 1 is
 * faster than real time. Null without timings or without audio.
 */
export function realTimeFactor(timings: Record<string, number> | undefined, audioSeconds: number): number | null {
  if (!timings || !(audioSeconds > 0)) return null;
  const stages = Object.values(timings);
  if (stages.length === 0) return null;
  const totalMs = timings.total ?? stages.reduce((a, b) => a + b, 0);
  return totalMs / 1000 / audioSeconds;
}
