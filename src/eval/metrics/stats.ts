/** Small statistics over plain number arrays. Empty input gives null, never NaN. */

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Population variance (divides by n): the spread of the values we have, not an estimate of a wider population's. */
export function variance(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  let sum = 0;
  for (const v of values) sum += (v - m) ** 2;
  return sum / values.length;
}

/** Quantile q in [0, 1] with linear interpolation between order statistics (q = 0.5 is the median). */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** Pearson correlation of paired values; null when fewer than 3 pairs or either side is constant (the correlation is undefined). */
export function pearson(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) throw new RangeError(`pearson: ${a.length} vs ${b.length} values`);
  if (a.length < 3) return null;
  const ma = mean(a)!;
  const mb = mean(b)!;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  // Relative test: float noise on a constant track must not pass as variation.
  const scale = Math.max(ma * ma, mb * mb, 1e-30) * a.length * 1e-20;
  if (saa <= scale || sbb <= scale) return null;
  return sab / Math.sqrt(saa * sbb);
}

export function min(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((m, v) => (v < m ? v : m), Infinity);
}

export function max(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((m, v) => (v > m ? v : m), -Infinity);
}
