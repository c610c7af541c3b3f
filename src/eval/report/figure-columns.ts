/** Which figures the table and the report show, their labels, and how each is written. */
import type { EvalFigures, NumericFigure } from '../metrics/index.ts';

export interface FigureColumn {
  figure: NumericFigure;
  /** Short heading for the terminal table. */
  short: string;
  /** Full label for the HTML table. */
  label: string;
  /** Units and what good looks like, for the HTML table. */
  note: string;
  format: (value: number) => string;
  /** Shown in the terminal summary (the rest only in the HTML). */
  key: boolean;
}

const fixed = (digits: number) => (v: number) => v.toFixed(digits);
const percent = (v: number) => `${(100 * v).toFixed(1)}%`;
const signed = (v: number) => (v > 0 ? `+${v}` : String(v));
const scientific = (v: number) => v.toExponential(2);

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { figure: 'faceRedetectionRate', short: 'face', label: 'Face re-detection', note: 'share of frames with a face; CI: 100%', format: percent, key: true },
  { figure: 'avOffsetFrames', short: 'offset', label: 'A/V offset', note: 'frames, + = mouth lags audio; CI: |offset| ≤ 1', format: signed, key: true },
  { figure: 'avOffsetCorrelation', short: 'r@off', label: 'Correlation at the offset', note: 'Pearson r at the best lag', format: fixed(3), key: false },
  { figure: 'lipSyncCorrelation', short: 'r', label: 'Lip-sync correlation', note: 'Pearson r, mouth vs loudness at lag 0; CI: ≥ 0.6', format: fixed(3), key: true },
  { figure: 'lipSyncMae', short: 'mae', label: 'Lip-sync MAE', note: 'mean |mouth − loudness| over speech, both on [0, 1]', format: fixed(3), key: true },
  { figure: 'silentLipMad', short: 'sil.mad', label: 'Silent-lip stability', note: 'MAD of mouth opening in pauses ≥ 300 ms, inter-ocular units; lower is steadier', format: fixed(4), key: true },
  { figure: 'lipDynamics', short: 'lipvar', label: 'Lip dynamics', note: 'variance of lip distances, inter-ocular units²', format: scientific, key: false },
  { figure: 'jitterFace', short: 'jit.face', label: 'Jitter, whole face', note: 'mean |2nd difference|, inter-ocular units / frame²', format: scientific, key: false },
  { figure: 'jitterStill', short: 'jit.still', label: 'Jitter, forehead and nose bridge', note: 'same, on the points that should not move', format: scientific, key: true },
  { figure: 'identityMean', short: 'ident', label: 'Identity distance, mean', note: 'Procrustes RMS gap to the photo, inter-ocular units', format: fixed(4), key: true },
  { figure: 'identityMax', short: 'ident.max', label: 'Identity distance, max', note: 'worst frame', format: fixed(4), key: false },
  { figure: 'faceSsimMean', short: 'ssim', label: 'Face SSIM, mean', note: 'face region vs the neutral render, low-motion frames', format: fixed(3), key: false },
  { figure: 'faceSsimMin', short: 'ssim.min', label: 'Face SSIM, min', note: 'worst sampled frame', format: fixed(3), key: false },
  { figure: 'backgroundPsnrMean', short: 'bg.psnr', label: 'Background PSNR, mean', note: 'dB, capped at 100', format: fixed(1), key: false },
  { figure: 'backgroundPsnrMin', short: 'bg.min', label: 'Background PSNR, min', note: 'dB; CI: ≥ 45', format: fixed(1), key: true },
  { figure: 'realTimeFactor', short: 'rtf', label: 'Real-time factor', note: 'wall time / audio time; below 1 is faster than real time', format: fixed(2), key: true },
];

/** A figure as text; "–" where it is not defined for this recording. */
export function formatFigure(figures: EvalFigures, column: FigureColumn): string {
  const value = figures[column.figure];
  return value === null ? '–' : column.format(value);
}
