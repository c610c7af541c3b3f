/** How well the mouth follows the voice. Inputs are per-frame tracks from normaliseTrack. */
import { mean, pearson } from './stats.ts';

/**
 * Lip-sync agreement at zero lag between normalised mouth opening and
 * normalised speech RMS:
 * - mae: mean |mouth − rms| over speech frames with a face, in [0, 1];
 * - correlation: Pearson r over every frame with a face, speech and silence
 *   alike (closing the mouth in silence is part of lip sync).
 * Each is null when undefined (no speech frame; fewer than 3 frames or a constant track).
 */
export function lipSyncAgreement(
  mouth: readonly (number | null)[],
  rms: readonly (number | null)[],
  speech: readonly boolean[],
): { mae: number | null; correlation: number | null } {
  const a: number[] = [];
  const b: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < Math.min(mouth.length, rms.length); i++) {
    const m = mouth[i];
    const r = rms[i];
    if (m === null || m === undefined || r === null || r === undefined) continue;
    a.push(m);
    b.push(r);
    if (speech[i]) diffs.push(Math.abs(m - r));
  }
  return { mae: mean(diffs), correlation: pearson(a, b) };
}

/**
 * Audio-visual offset: the lag k in frames, within ±maxLag, that maximises
 * the Pearson correlation of mouth[t + k] with rms[t] over the frames where
 * both exist. Positive k: the mouth lags the audio (moves k frames after the
 * sound). Ties go to the smaller |k|. Null when no lag has a defined correlation.
 */
export function audioVisualOffset(
  mouth: readonly (number | null)[],
  rms: readonly (number | null)[],
  maxLag = 5,
): { lagFrames: number; correlation: number } | null {
  let best: { lagFrames: number; correlation: number } | null = null;
  // Visit 0, then ±1, ±2…, so a strict improvement is needed to prefer a larger lag.
  for (let step = 0; step <= 2 * maxLag; step++) {
    const k = step === 0 ? 0 : step % 2 === 1 ? (step + 1) / 2 : -step / 2;
    const a: number[] = [];
    const b: number[] = [];
    for (let t = 0; t < rms.length; t++) {
      const m = mouth[t + k];
      const r = rms[t];
      if (m === null || m === undefined || r === null || r === undefined) continue;
      a.push(m);
      b.push(r);
    }
    const r = pearson(a, b);
    if (r !== null && (best === null || r > best.correlation + 1e-12)) best = { lagFrames: k, correlation: r };
  }
  return best;
}
