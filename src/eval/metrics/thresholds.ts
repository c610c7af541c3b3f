/** Pass/fail limits on the figures, for CI. */
import type { EvalFigures } from './evaluate.ts';

/** The figures that are numbers (or null), i.e. the ones a limit can apply to. */
export type NumericFigure = {
  [K in keyof EvalFigures]: EvalFigures[K] extends number | null ? K : never;
}[keyof EvalFigures];

export interface ThresholdRule {
  figure: NumericFigure;
  /** Readable name for messages, e.g. "A/V offset". */
  label: string;
  min?: number;
  max?: number;
  /** Compare |value| (for signed figures such as the offset). */
  absolute?: boolean;
  unit?: string;
  /** Write the value and the limit as percentages (for shares such as re-detection). */
  asPercent?: boolean;
}

export interface ThresholdFailure {
  figure: NumericFigure;
  value: number | null;
  message: string;
}

/** The CI limits. */
export const DEFAULT_THRESHOLDS: readonly ThresholdRule[] = [
  { figure: 'faceRedetectionRate', label: 'face re-detection', min: 1, asPercent: true },
  { figure: 'avOffsetFrames', label: 'A/V offset', max: 1, absolute: true, unit: ' frames' },
  { figure: 'lipSyncCorrelation', label: 'lip-sync correlation', min: 0.6 },
  { figure: 'backgroundPsnrMin', label: 'background PSNR (worst frame)', min: 45, unit: ' dB' },
];

const show = (v: number, asPercent = false) => (asPercent ? `${Number((100 * v).toPrecision(4))}%` : String(Number(v.toPrecision(4))));

/**
 * Every rule that the figures break, with a message naming the pair. A figure
 * that a rule covers but that could not be measured (null) is a failure too:
 * CI must not pass on a measurement that never happened.
 */
export function checkThresholds(figures: EvalFigures, rules: readonly ThresholdRule[] = DEFAULT_THRESHOLDS): ThresholdFailure[] {
  const failures: ThresholdFailure[] = [];
  for (const rule of rules) {
    const value = figures[rule.figure];
    const unit = rule.unit ?? '';
    if (value === null) {
      failures.push({ figure: rule.figure, value, message: `${figures.name}: ${rule.label} could not be measured` });
      continue;
    }
    const v = rule.absolute ? Math.abs(value) : value;
    const p = rule.asPercent === true;
    const shown = rule.absolute ? `|${show(value, p)}|` : show(value, p);
    if (rule.min !== undefined && !(v >= rule.min)) {
      failures.push({ figure: rule.figure, value, message: `${figures.name}: ${rule.label} ${shown}${unit} is below ${show(rule.min, p)}${unit}` });
    }
    if (rule.max !== undefined && !(v <= rule.max)) {
      failures.push({ figure: rule.figure, value, message: `${figures.name}: ${rule.label} ${shown}${unit} is above ${show(rule.max, p)}${unit}` });
    }
  }
  return failures;
}
