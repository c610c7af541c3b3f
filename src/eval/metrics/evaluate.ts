/** Every figure of one recording, as one plain object. */
import { backgroundPsnrSummary } from './background-psnr.ts';
import { faceRedetectionRate } from './face-redetection.ts';
import { faceSsimSummary } from './face-ssim.ts';
import { STILL_POINTS } from './face-points.ts';
import { frameSeries } from './frame-series.ts';
import { identityDrift } from './identity.ts';
import { alignToReference, jitter, MESH_POINTS } from './jitter.ts';
import { lipDynamics } from './lip-dynamics.ts';
import { audioVisualOffset, lipSyncAgreement } from './lip-sync.ts';
import type { EvalRecording } from './recording.ts';
import { silentLipStability } from './silent-lip-stability.ts';
import { realTimeFactor } from './speed.ts';

/** Units and definitions are in each metric's own module; null = not defined for this recording. */
export interface EvalFigures {
  name: string;
  frames: number;
  fps: number;
  audioSeconds: number;
  /** Share of frames judged speech by speechMask, [0, 1]. */
  speechShare: number | null;
  /** face-redetection.ts, [0, 1]. */
  faceRedetectionRate: number | null;
  /** lip-sync.ts: mean |mouth − rms| over speech frames, [0, 1]. */
  lipSyncMae: number | null;
  /** lip-sync.ts: Pearson r at zero lag, frames with a face. */
  lipSyncCorrelation: number | null;
  /** lip-sync.ts: best lag in [−5, 5] frames; positive = mouth lags audio. */
  avOffsetFrames: number | null;
  /** The correlation at that lag. */
  avOffsetCorrelation: number | null;
  /** silent-lip-stability.ts: MAD of mouth opening in silences ≥ 300 ms, inter-ocular units. */
  silentLipMad: number | null;
  /** lip-dynamics.ts: mean variance of lip distances, inter-ocular units². */
  lipDynamics: number | null;
  /** jitter.ts: whole mesh and still points (forehead, nose bridge), inter-ocular units / frame². */
  jitterFace: number | null;
  jitterStill: number | null;
  /** identity.ts: Procrustes distance to the photo, inter-ocular units. */
  identityMean: number | null;
  identityMax: number | null;
  /** face-ssim.ts. */
  faceSsimMean: number | null;
  faceSsimMin: number | null;
  /** background-psnr.ts, dB (capped at 100). */
  backgroundPsnrMean: number | null;
  backgroundPsnrMin: number | null;
  /** speed.ts: wall time / audio time. */
  realTimeFactor: number | null;
}

export function evaluate(recording: EvalRecording): EvalFigures {
  const { landmarks, reference, fps } = recording;
  const audioSeconds = recording.audioSeconds ?? recording.audio.samples.length / recording.audio.sampleRate;
  const series = frameSeries(recording);
  const sync = lipSyncAgreement(series.mouthNormalised, series.rmsNormalised, series.speech);
  const offset = audioVisualOffset(series.mouthNormalised, series.rmsNormalised);
  const aligned = alignToReference(landmarks, reference);
  const identity = identityDrift(landmarks, reference);
  const ssim = faceSsimSummary(recording.faceSsim);
  const psnr = backgroundPsnrSummary(recording.backgroundPsnr);
  return {
    name: recording.name,
    frames: landmarks.length,
    fps,
    audioSeconds,
    speechShare: series.speech.length === 0 ? null : series.speech.filter(Boolean).length / series.speech.length,
    faceRedetectionRate: faceRedetectionRate(landmarks),
    lipSyncMae: sync.mae,
    lipSyncCorrelation: sync.correlation,
    avOffsetFrames: offset?.lagFrames ?? null,
    avOffsetCorrelation: offset?.correlation ?? null,
    silentLipMad: silentLipStability(series.mouth, series.speech, fps),
    lipDynamics: lipDynamics(landmarks),
    jitterFace: jitter(aligned, MESH_POINTS),
    jitterStill: jitter(aligned, STILL_POINTS),
    identityMean: identity.mean,
    identityMax: identity.max,
    faceSsimMean: ssim.mean,
    faceSsimMin: ssim.min,
    backgroundPsnrMean: psnr.mean,
    backgroundPsnrMin: psnr.min,
    realTimeFactor: realTimeFactor(recording.timings, audioSeconds),
  };
}
