/** The per-frame tracks that the lip-sync figures and the report's plot are made from. */
import { mouthOpeningTrack } from './mouth-opening.ts';
import type { EvalRecording } from './recording.ts';
import { frameRms, normaliseTrack, speechMask } from './speech-energy.ts';

export interface FrameSeries {
  /** mouthOpening per frame (inter-ocular units), null without a face. */
  mouth: (number | null)[];
  /** Audio RMS per frame, full scale 1. */
  rms: number[];
  speech: boolean[];
  /** Both on [0, 1] by normaliseTrack. */
  mouthNormalised: (number | null)[];
  rmsNormalised: (number | null)[];
}

export function frameSeries(recording: EvalRecording): FrameSeries {
  const mouth = mouthOpeningTrack(recording.landmarks);
  const rms = frameRms(recording.audio, recording.fps, recording.landmarks.length);
  const speech = speechMask(rms, recording.fps);
  return {
    mouth,
    rms,
    speech,
    mouthNormalised: normaliseTrack(mouth, speech),
    rmsNormalised: normaliseTrack(rms, speech),
  };
}
