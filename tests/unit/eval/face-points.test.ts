/** The landmark sets are what their names say, checked on the canonical mesh's geometry. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  FOREHEAD,
  IDENTITY_POINTS,
  INNER_LIP_PAIRS,
  NOSE_BRIDGE,
  OUTER_EYE_CORNERS,
  STILL_POINTS,
} from '../../../src/eval/metrics/face-points.ts';
import { BROWS, EYES, INNER_LIP_LOWER, INNER_LIP_UPPER, OUTER_LIP_LOWER, OUTER_LIP_UPPER } from '../../../src/rig/face-regions.ts';

const p = (JSON.parse(readFileSync(new URL('../../../src/rig/canonical-face-mesh.json', import.meta.url), 'utf8')) as { positions: number[] })
  .positions;
const x = (i: number) => p[i * 3]!;
const y = (i: number) => p[i * 3 + 1]!;

describe('landmark sets', () => {
  test('each inner-lip pair faces itself across the slit: upper on the upper inner lip, lower on the lower, same x within 0.1 cm', () => {
    for (const [upper, lower] of INNER_LIP_PAIRS) {
      expect(INNER_LIP_UPPER).toContain(upper);
      expect(INNER_LIP_LOWER).toContain(lower);
      expect(Math.abs(x(upper) - x(lower)), `${upper}/${lower}`).toBeLessThan(0.1);
      expect(y(upper)).toBeGreaterThan(y(lower));
    }
  });

  test('the outer eye corners are the lateral corners of each eye', () => {
    expect(OUTER_EYE_CORNERS[0]).toBe(EYES.right.corners[0]);
    expect(OUTER_EYE_CORNERS[1]).toBe(EYES.left.corners[0]);
    expect(Math.abs(x(OUTER_EYE_CORNERS[0]))).toBeGreaterThan(Math.abs(x(EYES.right.corners[1])));
  });

  test('forehead points lie above every brow point; nose bridge points lie between the eyes and the nose tip, near the midline', () => {
    const browTop = Math.max(...[...BROWS.right.inner, ...BROWS.right.outer, ...BROWS.left.inner, ...BROWS.left.outer].map(y));
    for (const i of FOREHEAD) expect(y(i), `forehead ${i}`).toBeGreaterThan(browTop);
    for (const i of NOSE_BRIDGE) {
      expect(Math.abs(x(i)), `bridge ${i}`).toBeLessThan(1);
      expect(y(i)).toBeGreaterThan(y(4)); // above the nose tip
      expect(y(i)).toBeLessThan(y(9)); // below the glabella
    }
  });

  test('identity points leave out lips, eyelids and everything from the subnasale down, and include the still points', () => {
    const excluded = new Set<number>([
      ...INNER_LIP_UPPER, ...INNER_LIP_LOWER, ...OUTER_LIP_UPPER, ...OUTER_LIP_LOWER,
      ...EYES.right.upper, ...EYES.right.lower, ...EYES.left.upper, ...EYES.left.lower,
    ]);
    for (const i of IDENTITY_POINTS) {
      expect(excluded.has(i), `point ${i}`).toBe(false);
      expect(y(i)).toBeGreaterThan(y(2));
    }
    for (const i of STILL_POINTS) expect(IDENTITY_POINTS).toContain(i);
    expect(IDENTITY_POINTS.length).toBeGreaterThan(250);
  });
});
