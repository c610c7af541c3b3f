/** Whether the mouth rests when the voice does. */
import { median } from './stats.ts';

/** Runs of silent frames [start, end) lasting at least minMs. */
export function silences(speech: readonly boolean[], fps: number, minMs = 300): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  let start = -1;
  for (let i = 0; i <= speech.length; i++) {
    const silent = i < speech.length && !speech[i];
    if (silent && start < 0) start = i;
    if (!silent && start >= 0) {
      if (((i - start) / fps) * 1000 >= minMs) runs.push({ start, end: i });
      start = -1;
    }
  }
  return runs;
}

/**
 * Silent-lip stability: median absolute deviation of mouth opening (the
 * unitless mouthOpening) over silences of at least minMs. Each silence is
 * centred on its own median, so a mouth that rests a little more open in one
 * pause than another is not counted as unstable; the deviations of all
 * silences are pooled into one median. The first and last edgeMs of each
 * silence are left out: the mouth is allowed to close after a phrase and
 * open before the next. Frames without a face are skipped. Null when there
 * is no such silence (or no face in any). Lower is steadier; 0 = still.
 */
export function silentLipStability(
  mouth: readonly (number | null)[],
  speech: readonly boolean[],
  fps: number,
  options: { minMs?: number; edgeMs?: number } = {},
): number | null {
  const { minMs = 300, edgeMs = 100 } = options;
  const edge = Math.round((edgeMs / 1000) * fps);
  const deviations: number[] = [];
  for (const { start, end } of silences(speech, fps, minMs)) {
    const values: number[] = [];
    for (let i = start + edge; i < end - edge; i++) {
      const m = mouth[i];
      if (m !== null && m !== undefined) values.push(m);
    }
    const centre = median(values);
    if (centre === null) continue;
    for (const v of values) deviations.push(Math.abs(v - centre));
  }
  return median(deviations);
}
