/**
 * Teeth and tongue behind the lips, for the opening the photo does not show.
 *
 * Two rigid pieces, each larger than any opening, drawn before the head
 * layer: the head covers them everywhere but the mouth slit, so they show
 * exactly where the lips part and nothing has to be clipped. The upper teeth
 * ride with the skull and the lower teeth and tongue with the jaw, as bone
 * does. A dropping jaw therefore opens a dark gap between two rows of teeth
 * (nothing is stretched), and lips that part with the jaw closed show the
 * teeth together, as they do in "ee".
 *
 * Earlier the whole interior was one texture stretched between the inner
 * lips. Its tongue filled the lower half in lip colour and merged with the
 * lower lip into what read as a tongue sticking out, and its teeth were a
 * share of the opening, so the corners, where the opening is thin, became
 * fangs. Here every size is in face units (1 = the distance between the eye
 * centres), measured from the resting lip line, whatever the opening.
 */
import type { FaceFrame, RgbaImage, RigLayer } from '../contracts/rig.ts';
import { toFace, type Points3 } from './face-frame.ts';
import { INNER_LIP_LOWER, INNER_LIP_UPPER } from './face-regions.ts';
import { luma, type Rgb } from './rgb.ts';
import { smoothstep } from './smoothstep.ts';

/** How far the pieces reach either side of the mouth, in half mouth widths: past the corners, which a wide opening pulls outwards. */
const REACH = 1.15;
/** Rows of each piece, in face units from the resting lip line (down is positive); the lips hide the part beyond the line. */
const UPPER_ROWS: [number, number] = [-0.14, 0.2];
const LOWER_ROWS: [number, number] = [-0.2, 0.14];
/** Depth behind the lips' surface, in face units: teeth sit about a centimetre back, which gives them parallax as the head turns. */
const UPPER_DEPTH = 0.12;
const LOWER_DEPTH = 0.16;
const TEX_W = 256;
const TEX_H = 112;
const GRID_COLS = 13;
const GRID_ROWS = 6;

/** Upper teeth below the lip line, in face units: the incisal edge at the middle and how much it rises towards the sides (the smile arc). */
const UPPER_EDGE = 0.115;
const UPPER_EDGE_RISE = 0.045;
/** Boundaries between teeth, in half mouth widths from the middle: the two front incisors are widest, and each tooth behind looks narrower as the arch curves away. */
const UPPER_GAPS = [0, 0.34, 0.6, 0.8, 0.95];
const LOWER_GAPS = [0, 0.2, 0.4, 0.6, 0.78, 0.92];
/**
 * Lower teeth tips above the resting lip line (face units; negative is below
 * it), and the tongue's top above the lip line at its sides and its middle.
 * The lower lip rolls down as the jaw opens (mesh-deform's LIP_ROLL_WITH_JAW,
 * about 0.06 face units at jawOpen 0.8), so a sliver of the lower teeth shows
 * in a wide opening, as in speech, with the tongue behind them.
 */
const LOWER_TIPS = -0.04;
const TONGUE_TOP = 0.0;
const TONGUE_DOME = 0.05;

const ENAMEL: Rgb = [232, 226, 212];
/** The biting edge's translucent grey-blue. */
const EDGE_TINT: Rgb = [150, 158, 168];
/**
 * Eye whites' colour over their brightness (luma) in photos taken in
 * ordinary light: rounded from the survey photos whose light is neutral
 * (scikit-image's astronaut, and five in ../shared/media), whose median is
 * (1.066, 0.973, 0.945).
 */
const NEUTRAL_WHITE: Rgb = [1.06, 0.975, 0.935];
/** How far a photo's eye whites may depart from those, per channel: eye whites can be bloodshot or half in shadow, and should not turn teeth green or red. */
const CAST_RANGE = [0.55, 1.3] as const;
/** Spread of the lips' hue (largest channel over luma minus smallest) from which a photo counts as fully coloured: 0.26 and more in the survey's colour photos and paintings, 0 in its black-and-white one. */
const COLOURFUL_LIPS = 0.2;
const TONGUE: Rgb = [190, 95, 100];

const mix = (a: number, b: number, t: number) => a + (b - a) * t;

export interface MouthPiece {
  name: 'upperTeeth' | 'lowerTeeth';
  image: RgbaImage;
  layer: Omit<RigLayer, 'texture'>;
}

/**
 * The made colours (enamel, its biting edge, the tongue) in this photo's
 * light. They are designed for ordinary light; the photo's cast is how far
 * its eye whites (`white`, see scleraColour) depart from NEUTRAL_WHITE, held
 * within CAST_RANGE, and it tints each colour channel by channel at the
 * colour's own brightness. A photo without colour (lips as grey as the rest)
 * gets them grey: the teeth of a yellowed painting are not blue-white, and a
 * black-and-white photo gets no pink tongue.
 */
export function madeColours(white: Rgb | null, lip: Rgb): { enamel: Rgb; edge: Rgb; tongue: Rgb } {
  const hue = (c: Rgb): Rgb => c.map((v) => v / Math.max(1e-6, luma(c))) as Rgb;
  const cast: Rgb = white && luma(white) >= 8
    ? (hue(white).map((v, i) => Math.min(CAST_RANGE[1], Math.max(CAST_RANGE[0], v / NEUTRAL_WHITE[i]!))) as Rgb)
    : [1, 1, 1];
  const colourful = colourfulness(lip);
  const inLight = (c: Rgb): Rgb => {
    const tinted = hue(hue(c).map((v, i) => v * cast[i]!) as Rgb);
    return tinted.map((v) => luma(c) * mix(1, v, colourful)) as Rgb;
  };
  return { enamel: inLight(ENAMEL), edge: inLight(EDGE_TINT), tongue: inLight(TONGUE) };
}

/**
 * Both pieces, placed on this face's resting lips, lit to match its lips and
 * tinted with the photo's colour cast (`white`: its eye whites, see
 * scleraColour), so the teeth of a yellowed painting are not blue-white and
 * those of a black-and-white photo are grey.
 */
export function mouthPieces(landmarks: Points3, frame: FaceFrame, lip: Rgb, white: Rgb | null = null): { upper: MouthPiece; lower: MouthPiece } {
  const m = mouthGeometry(landmarks, frame);
  // Teeth in a dim photo are dim: scale enamel by how bright the lips are against lips in ordinary light.
  const light = Math.min(1.05, Math.max(0.5, luma(lip) / 150));
  const { enamel, edge, tongue } = madeColours(white, lip);
  const cavity = cavityColour(lip);
  return {
    upper: {
      name: 'upperTeeth',
      image: paint(UPPER_ROWS, (du, d) => upperTeeth(du, d, light, cavity, enamel, edge)),
      layer: { name: 'upperTeeth', mesh: pieceMesh(m, frame, m.upperLine, UPPER_ROWS, UPPER_DEPTH), skin: rigidSkin(0) },
    },
    lower: {
      name: 'lowerTeeth',
      image: paint(LOWER_ROWS, (du, d) => lowerTeethAndTongue(du, d, light, lip, cavity, enamel, tongue)),
      layer: { name: 'lowerTeeth', mesh: pieceMesh(m, frame, m.lowerLine, LOWER_ROWS, LOWER_DEPTH), skin: rigidSkin(1) },
    },
  };
}

/** The cavity's colour: the lips' own colour in deep shadow, a little redder (the mouth's lining) where the photo has colour at all. */
export function cavityColour(lip: Rgb): Rgb {
  return [lip[0] * (0.2 + 0.04 * colourfulness(lip)), lip[1] * 0.2, lip[2] * 0.2];
}

/** How coloured the photo is, 0 (black and white) … 1, judged by its lips' hue (see COLOURFUL_LIPS). */
function colourfulness(lip: Rgb): number {
  const l = Math.max(1e-6, luma(lip));
  return Math.min(1, (Math.max(...lip) - Math.min(...lip)) / l / COLOURFUL_LIPS);
}

interface MouthGeometry {
  /** Middle of the mouth and half its width, face units. */
  cx: number;
  half: number;
  /** Depth of the lips' surface, face units. */
  z: number;
  /** The resting inner lip lines: face-unit y at a face-unit x. */
  upperLine: (x: number) => number;
  lowerLine: (x: number) => number;
}

function mouthGeometry(landmarks: Points3, frame: FaceFrame): MouthGeometry {
  const face = (i: number) => toFace(frame, landmarks[i * 3]!, landmarks[i * 3 + 1]!, landmarks[i * 3 + 2]!);
  const right = face(INNER_LIP_UPPER[0]);
  const left = face(INNER_LIP_UPPER[INNER_LIP_UPPER.length - 1]!);
  const line = (ids: readonly number[]) => {
    const pts = [right, ...ids.map(face), left].map((p) => [p[0], p[1]] as const).sort((a, b) => a[0] - b[0]);
    return (x: number) => {
      if (x <= pts[0]![0]) return pts[0]![1];
      for (let k = 1; k < pts.length; k++) {
        const [x1, y1] = pts[k]!;
        const [x0, y0] = pts[k - 1]!;
        if (x <= x1) return x1 - x0 < 1e-9 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
      }
      return pts[pts.length - 1]![1];
    };
  };
  const mid = [face(13), face(14)];
  return {
    cx: (right[0] + left[0]) / 2,
    half: Math.max(1e-3, Math.abs(left[0] - right[0]) / 2),
    z: (mid[0]![2] + mid[1]![2]) / 2,
    upperLine: line(INNER_LIP_UPPER.slice(1, -1)),
    lowerLine: line(INNER_LIP_LOWER),
  };
}

/** A grid across the mouth whose rows follow the resting lip line, so texture v is distance from the lip. */
function pieceMesh(m: MouthGeometry, f: FaceFrame, lipLine: (x: number) => number, rows: [number, number], depth: number): RigLayer['mesh'] {
  const n = GRID_COLS * GRID_ROWS;
  const positions = new Float32Array(n * 3);
  const uvs = new Float32Array(n * 2);
  for (let r = 0; r < GRID_ROWS; r++) {
    const v = r / (GRID_ROWS - 1);
    for (let c = 0; c < GRID_COLS; c++) {
      const u = c / (GRID_COLS - 1);
      const x = m.cx + (2 * u - 1) * REACH * m.half;
      const y = lipLine(x) + mix(rows[0], rows[1], v);
      const k = r * GRID_COLS + c;
      positions.set(
        [
          f.centre[0] + (x * f.xAxis[0] + y * f.yAxis[0]) * f.scale,
          f.centre[1] + (x * f.xAxis[1] + y * f.yAxis[1]) * f.scale,
          f.centre[2] + (m.z - depth) * f.scale,
        ],
        k * 3,
      );
      uvs.set([u, v], k * 2);
    }
  }
  const indices: number[] = [];
  for (let r = 0; r + 1 < GRID_ROWS; r++)
    for (let c = 0; c + 1 < GRID_COLS; c++) {
      const a = r * GRID_COLS + c;
      indices.push(a, a + 1, a + GRID_COLS, a + 1, a + GRID_COLS + 1, a + GRID_COLS);
    }
  return { positions, uvs, opacity: new Float32Array(n).fill(1), indices: Uint32Array.from(indices) };
}

/** The head turns every vertex; the jaw swings only the lower piece. */
function rigidSkin(jaw: number): NonNullable<RigLayer['skin']> {
  const n = GRID_COLS * GRID_ROWS;
  return { head: new Float32Array(n).fill(1), jaw: new Float32Array(n).fill(jaw), torso: new Float32Array(n) };
}

/** Paints a piece's texture from a function of (half mouth widths from the middle, face units below the lip line) → straight-alpha RGBA. */
function paint(rows: [number, number], at: (du: number, d: number) => [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(TEX_W * TEX_H * 4);
  for (let y = 0; y < TEX_H; y++) {
    const d = mix(rows[0], rows[1], (y + 0.5) / TEX_H);
    for (let x = 0; x < TEX_W; x++) {
      const du = (2 * ((x + 0.5) / TEX_W) - 1) * REACH;
      const px = at(du, d);
      const o = (y * TEX_W + x) * 4;
      for (let c = 0; c < 4; c++) data[o + c] = Math.round(Math.min(255, Math.max(0, px[c]!)));
    }
  }
  return { width: TEX_W, height: TEX_H, data };
}

/** Where du falls among the teeth: the distance to the nearest boundary, as a share of that tooth's half width (0 at a gap, 1 at its middle). */
function toothProfile(du: number, gaps: readonly number[]): { gap: number; centre: number } {
  const a = Math.abs(du);
  for (let k = 1; k < gaps.length; k++) {
    const lo = gaps[k - 1]!;
    const hi = gaps[k]!;
    if (a <= hi) {
      const halfWidth = (hi - lo) / 2;
      const toGap = Math.min(a - lo, hi - a);
      return { gap: toGap, centre: toGap / halfWidth };
    }
  }
  return { gap: 0, centre: 0 };
}

/** Fraction of a texel's width in face units, for soft (anti-aliased) edges in the texture. */
const SOFT = 0.006;

function upperTeeth(du: number, d: number, light: number, cavity: Rgb, enamel: Rgb, edgeTint: Rgb): [number, number, number, number] {
  const tooth = toothProfile(du, UPPER_GAPS);
  // Each tooth's corners are rounded, so the edge rises a little towards the gaps.
  const edge = UPPER_EDGE - UPPER_EDGE_RISE * du * du - 0.007 * (1 - tooth.centre) ** 2;
  const side = smoothstep(1.0, 0.9, Math.abs(du));
  const alpha = smoothstep(edge + SOFT, edge - SOFT, d) * side;
  // Bright in front, falling into the cheeks' shadow at the sides; a little shade under the lip; a thin dark line at each gap.
  const shade = light * (1 - 0.55 * du * du) * mix(0.78, 1, smoothstep(-0.02, 0.05, d)) * (1 - 0.18 * Math.exp(-((tooth.gap / 0.008) ** 2)));
  // The biting edge is translucent: a touch of grey-blue in the last millimetre.
  const tip = 0.18 * smoothstep(edge - 0.02, edge, d);
  const rgb = enamel.map((c, i) => mix(c * shade, edgeTint[i]! * shade, tip)) as Rgb;
  return alpha > 0 ? [...rgb, alpha * 255] : [...cavity, 0];
}

function lowerTeethAndTongue(du: number, d: number, light: number, lip: Rgb, cavity: Rgb, enamel: Rgb, tongueTint: Rgb): [number, number, number, number] {
  // Distance above the lip line (the texture's d runs down).
  const up = -d;
  const tooth = toothProfile(du, LOWER_GAPS);
  const tips = LOWER_TIPS - 0.012 * du * du - 0.006 * (1 - tooth.centre) ** 2;
  const teeth = smoothstep(tips + SOFT, tips - SOFT, up) * smoothstep(0.95, 0.85, Math.abs(du));
  const top = TONGUE_TOP + TONGUE_DOME * Math.max(0, 1 - (du / 0.75) ** 2);
  const tongue = smoothstep(top + SOFT, top - SOFT, up) * smoothstep(0.85, 0.7, Math.abs(du));
  // The tongue lies in the mouth's shadow, darkest at its back (its top in the picture).
  const tongueShade = mix(0.72, 0.42, smoothstep(LOWER_TIPS, top, up)) * (1 - 0.4 * du * du);
  const tongueRgb = lip.map((c, i) => mix(c, tongueTint[i]!, 0.5) * tongueShade) as Rgb;
  // Lower teeth sit in the upper teeth's and lips' shadow; darker still right above the lower lip.
  const teethShade = light * 0.62 * (1 - 0.5 * du * du) * (1 - 0.35 * Math.exp(-((tooth.gap / 0.008) ** 2))) * mix(0.75, 1, smoothstep(LOWER_TIPS - 0.05, LOWER_TIPS, up));
  const teethRgb = enamel.map((c) => c * teethShade) as Rgb;
  const alpha = Math.max(teeth, tongue);
  if (alpha <= 0) return [...cavity, 0];
  const rgb = tongueRgb.map((c, i) => mix(c, teethRgb[i]!, teeth)) as Rgb;
  return [...rgb, alpha * 255];
}
