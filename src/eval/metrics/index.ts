/** The eval metrics, for the runner and the report. */
export type { EvalRecording, Landmarks } from './recording.ts';
export { evaluate, type EvalFigures } from './evaluate.ts';
export { checkThresholds, DEFAULT_THRESHOLDS, type NumericFigure, type ThresholdFailure, type ThresholdRule } from './thresholds.ts';
export { frameSeries, type FrameSeries } from './frame-series.ts';
export { ssim, luma, type PlainImage } from './ssim.ts';
export { faceRedetectionRate } from './face-redetection.ts';
export { interOcularDistance, mouthOpening, mouthOpeningTrack, pointDistance } from './mouth-opening.ts';
export { frameRms, normaliseTrack, speechMask, type SpeechMaskOptions } from './speech-energy.ts';
export { audioVisualOffset, lipSyncAgreement } from './lip-sync.ts';
export { silences, silentLipStability } from './silent-lip-stability.ts';
export { lipDistances, lipDynamics } from './lip-dynamics.ts';
export { alignToReference, jitter, MESH_POINTS } from './jitter.ts';
export { identityDrift, procrustesDistance } from './identity.ts';
export { applySimilarity, fitSimilarity, type FitDims, type Similarity } from './similarity-fit.ts';
export { backgroundPsnrSummary, PSNR_CAP_DB } from './background-psnr.ts';
export { faceSsimSummary } from './face-ssim.ts';
export { realTimeFactor } from './speed.ts';
export { FOREHEAD, IDENTITY_POINTS, INNER_LIP_PAIRS, INNER_MOUTH_CORNERS, NOSE_BRIDGE, OUTER_EYE_CORNERS, STILL_POINTS } from './face-points.ts';
