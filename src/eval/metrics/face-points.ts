/**
 * Landmark index sets of MediaPipe's 468-point face mesh that the metrics
 * measure on. Indices below 468 exist in both the 468- and 478-point layouts;
 * nothing here uses the irises (468–477), which move with the gaze.
 */
import canonical from '../../rig/canonical-face-mesh.json' with { type: 'json' };
import { EYES, INNER_LIP_LOWER, INNER_LIP_UPPER, OUTER_LIP_LOWER, OUTER_LIP_UPPER } from '../../rig/face-regions.ts';

/**
 * Upper/lower inner-lip pairs facing each other across the mouth slit: the
 * middle (13/14) and two either side. Checked against the canonical mesh,
 * where each pair shares its x to within 0.1 cm (tests/unit/eval/face-points.test.ts).
 */
export const INNER_LIP_PAIRS: readonly (readonly [number, number])[] = [
  [13, 14],
  [82, 87],
  [81, 178],
  [312, 317],
  [311, 402],
];

/** Inner mouth corners (right, left): the mouth's width, for lip dynamics. */
export const INNER_MOUTH_CORNERS = [78, 308] as const;

/**
 * Outer eye corners (subject's right, left). The inter-ocular distance uses
 * these even when 478 points are given: the pupils slide with the animated
 * gaze, so a pupil distance would change the scale of every normalised figure
 * whenever the eyes move.
 */
export const OUTER_EYE_CORNERS = [33, 263] as const;

/** Forehead inside the face outline, above the brows: no expression in the rig moves it, so it should be still. */
export const FOREHEAD = [151, 108, 69, 104, 68, 337, 299, 333, 298] as const;

/** Nose bridge: the midline from between the eyes to the tip's top, and its flanks. Rigid bone and cartilage. */
export const NOSE_BRIDGE = [168, 6, 197, 195, 5, 193, 417, 122, 351, 196, 419, 3, 248] as const;

/** The still parts that jitter is measured on separately. */
export const STILL_POINTS: readonly number[] = [...FOREHEAD, ...NOSE_BRIDGE];

const positions = (canonical as { positions: number[] }).positions;
/** Subnasale (point 2): the philtrum and everything below it move with the lips and the jaw. */
const SUBNASALE_Y = positions[2 * 3 + 1]!;

const EYELIDS = new Set<number>([
  ...EYES.right.upper,
  ...EYES.right.lower,
  ...EYES.left.upper,
  ...EYES.left.lower,
]);
const LIPS = new Set<number>([...INNER_LIP_UPPER, ...INNER_LIP_LOWER, ...OUTER_LIP_UPPER, ...OUTER_LIP_LOWER]);

/**
 * Points that speaking and blinking leave where they are: every mesh point
 * above the subnasale (canonical mesh, y up), minus the eyelids. "Non-mouth"
 * is taken to include the jaw and chin, which follow an open mouth, and the
 * philtrum, which follows the upper lip. Identity and the jitter alignment
 * use this set.
 */
export const IDENTITY_POINTS: readonly number[] = Array.from({ length: 468 }, (_, i) => i).filter(
  (i) => positions[i * 3 + 1]! > SUBNASALE_Y && !EYELIDS.has(i) && !LIPS.has(i),
);
