/**
 * buildRig: a photo's analysis → the Rig the renderer draws. Computed once per
 * photo (a few hundred ms), plain data, cacheable by the photo's hash.
 *
 * Layers, back to front:
 *   background  the photo, never moving: outside the person it is the output.
 *   plate       the surroundings continued over the person (inpainted), shown
 *               wherever the person moves away from where they were.
 *   body        the person outside the head's outline; breathes and shrugs.
 *   mouth       the mouth interior, seen only where the lips part.
 *   teeth       the photo's own open mouth, if it has one, riding on the upper lip;
 *   lipLine     or else the photo's own slit between the closed lips, on the
 *               inner lips, fading out as they part.
 *   eyeWhite, iris ×2  behind the eye openings; the iris slides with the gaze.
 *   head        face mesh + rings for hair, ears and neck, masked by the matte.
 *   lipEdge ×2  the lips' inner edges without the closed slit's shadow, faded
 *               in as the lips part (a mouth the photo shows closed only)
 *   eyelid ×4   a closed lid over each eye (skin, then the lash line), faded
 *               in as a blink closes it.
 */
import type { PhotoAnalysis } from '../contracts/analysis.ts';
import { RIG_VERSION, type Rig, type RigLayer, type RigMesh, type RgbaImage } from '../contracts/rig.ts';
import { faceHeight, innerLipGap } from '../eval/face-measures.ts';
import { buildBlendshapeBasis } from './blendshape-basis.ts';
import { EYES, INNER_LIP_LOWER, INNER_LIP_UPPER } from './face-regions.ts';
import { eyelidSkinImage, eyelidStrip } from './eyelid.ts';
import { lipEdgeImage, lipEdgeStrip } from './lip-edge.ts';
import { eyeWhiteImage, eyeWhiteMesh, irisGeometry, irisImage, irisMesh, scleraColour } from './eyes.ts';
import { faceFrame } from './face-frame.ts';
import { gridMesh } from './grid-mesh.ts';
import { buildHeadMesh } from './head-mesh.ts';
import { splitByOutline } from './layer-masks.ts';
import { MOUTH_CONTOUR, mouthInteriorImage, mouthInteriorMesh } from './mouth-interior.ts';
import { mouthPieces } from './teeth.ts';
import { backgroundPlate, lumaExtremes } from './plate-inpaint.ts';
import { downscale, downscaleRgba, fitWithin } from './resample-image.ts';
import { torsoWeights } from './torso-weights.ts';

/** Plates and masks are soft: this resolution keeps a cached rig small at no visible cost. */
const SUPPORT_MAX_SIDE = 768;
const GRID_CELL_PX = 24;
/** Inner-lip gap, as a share of face height, above which the photo counts as showing the mouth's inside. */
export const OPEN_MOUTH_GAP = 0.015;

export interface BuildRigOptions {
  /** Which face to animate when there are several (largest first). */
  faceIndex?: number;
}

/**
 * @param photo the photo's pixels; any resolution with the photo's aspect (a
 *   ≤1024-px copy is plenty: only the plate and the lip colour come from it)
 */
export function buildRig(analysis: PhotoAnalysis, photo: RgbaImage, options: BuildRigOptions = {}): Rig {
  const { width, height } = analysis.photo;
  const support = fitWithin(width, height, SUPPORT_MAX_SIDE);
  const small = downscaleRgba(photo, SUPPORT_MAX_SIDE);
  const person = analysis.matte
    ? downscale(analysis.matte.alpha, analysis.matte.width, analysis.matte.height, 1, support.width, support.height)
    : null;

  const layers: RigLayer[] = [];
  const images: Record<string, RgbaImage> = {};
  const grid = (x: number, y: number, w: number, h: number) =>
    gridMesh({
      x,
      y,
      width: w,
      height: h,
      cols: Math.max(1, Math.round(w / GRID_CELL_PX)),
      rows: Math.max(1, Math.round(h / GRID_CELL_PX)),
      textureWidth: width,
      textureHeight: height,
    });
  const photoGrid = () => grid(0, 0, width, height);
  // Person layers only need to cover the person: drawing a whole-photo grid
  // that is masked to nothing costs fragment work at 4K for no pixel.
  const personGrid = () => {
    const b = person ? coverageBox(person, support.width, support.height, width / support.width) : null;
    return b ? grid(b[0], b[1], b[2], b[3]) : photoGrid();
  };
  layers.push({ name: 'background', texture: { kind: 'photo' }, mesh: photoGrid() });

  const face = analysis.faces[options.faceIndex ?? 0];
  const plate = person ? backgroundPlate(small, person, Math.max(2, Math.round(support.width / 150)), lumaExtremes(photo, support.width, support.height)) : null;
  if (plate) {
    images['plate'] = plate.image;
    layers.push({ name: 'plate', texture: { kind: 'image', key: 'plate' }, mesh: personGrid() });
  }
  if (!face) {
    return { version: RIG_VERSION, photo: { width, height }, layers, images };
  }

  // MediaPipe's z grows away from the camera; the rig's depth grows towards the viewer.
  const landmarks = new Float32Array(468 * 3);
  for (let i = 0; i < 468; i++) {
    landmarks[i * 3] = face.landmarks[i * 3]!;
    landmarks[i * 3 + 1] = face.landmarks[i * 3 + 1]!;
    landmarks[i * 3 + 2] = -face.landmarks[i * 3 + 2]!;
  }
  const frame = faceFrame(landmarks);
  const head = buildHeadMesh(landmarks, frame, { width, height });

  const coverage = plate?.coverage ?? person ?? new Uint8Array(support.width * support.height).fill(255);
  const masks = splitByOutline(coverage, support.width, support.height, head.outline, width, plate?.unmixable);
  images['headMask'] = masks.inside;
  if (person) {
    images['bodyMask'] = masks.outside;
    const body = personGrid();
    layers.push({
      name: 'body',
      texture: { kind: 'photo' },
      mask: { kind: 'image', key: 'bodyMask' },
      under: { kind: 'image', key: 'plate' },
      mesh: body,
      skin: { head: new Float32Array(body.opacity.length), jaw: new Float32Array(body.opacity.length), torso: torsoWeights(body.positions, frame, head.outline.map(([x, y]) => [Math.min(width, Math.max(0, x)), Math.min(height, Math.max(0, y))])) },
    });
  }

  // The cavity follows the lips, with teeth and tongue made for this face in
  // front of it (teeth.ts). Where the photo already shows the inside of the
  // mouth (teeth in a smile), those pixels are kept as a patch on top that
  // moves with the upper lip, like upper teeth do: the photo's own teeth,
  // never stretched. The made teeth then only show beyond what the photo
  // showed, as the jaw drops below it.
  const lip = lipColour(small, landmarks, width);
  const irises = {
    right: irisGeometry(face.landmarks, face.landmarkCount, 'right', face.irisCentres.right),
    left: irisGeometry(face.landmarks, face.landmarkCount, 'left', face.irisCentres.left),
  };
  const white = scleraColour(photo, landmarks, irises);
  const pieces = mouthPieces(landmarks, frame, lip, white);
  images['mouth'] = mouthInteriorImage(lip);
  layers.push({ name: 'mouth', texture: { kind: 'image', key: 'mouth' }, mesh: mouthInteriorMesh() });
  for (const piece of [pieces.lower, pieces.upper]) {
    images[piece.name] = piece.image;
    layers.push({ ...piece.layer, texture: { kind: 'image', key: piece.name } });
  }
  // Over the cavity: the photo's own slit between the lips. A closed mouth's
  // slit is a pixel or two of dark red lip, not the cavity's near-black, and
  // at rest, or as the head turns with the lips closed, the photo's pixels
  // are what belongs there; as the lips part it fades and the cavity shows.
  const photoMouth = mouthInteriorMesh();
  mapToPhoto(photoMouth, landmarks, width, height);
  photoMouth.positions = restPositions(photoMouth, width, height);
  const open = innerLipGap(landmarks) / faceHeight(landmarks) > OPEN_MOUTH_GAP;
  layers.push({ name: open ? 'teeth' : 'lipLine', texture: { kind: 'photo' }, mesh: photoMouth });
  for (const side of ['right', 'left'] as const) {
    const iris = irises[side];
    const eyeWhite = eyeWhiteImage(photo, width, landmarks, side, iris, white);
    images[`eyeWhite-${side}`] = eyeWhite.image;
    const fan = eyeWhiteMesh(landmarks, side, eyeWhite.box);
    layers.push({ name: 'eyeWhite', side, texture: { kind: 'image', key: `eyeWhite-${side}` }, mesh: fan.mesh, attach: fan.attach, attachTo: fan.attachTo, attachT: fan.attachT });
    const [c0, c1] = EYES[side].corners;
    const depth = (landmarks[c0 * 3 + 2]! + landmarks[c1 * 3 + 2]!) / 2;
    // An eyeball is about 24 mm across and an eye opening about 30 mm wide: radius ≈ 0.4 × width.
    const irisPicture = irisImage(photo, width, iris, eyeWhite);
    images[`iris-${side}`] = irisPicture.image;
    layers.push({ name: 'iris', side, texture: { kind: 'image', key: `iris-${side}` }, mesh: irisMesh(iris, irisPicture.box, depth), eye: { anchor: [c0, c1], eyeballRadius: 0.4 * iris.width } });
  }
  layers.push({
    name: 'head',
    texture: { kind: 'photo' },
    mask: { kind: 'image', key: 'headMask' },
    ...(person ? { under: { kind: 'image', key: 'plate' } as const } : {}),
    mesh: head.mesh,
    skin: head.skin,
    faceVertexCount: head.faceVertexCount,
    turnDepth: head.turnDepth,
    rings: head.rings,
  });
  if (!open) {
    const edge = lipEdgeImage(photo, width, landmarks);
    images['lipEdge'] = edge.image;
    for (const lip of ['upper', 'lower'] as const) {
      const strip = lipEdgeStrip(landmarks, lip, edge.box);
      layers.push({ name: 'lipEdge', texture: { kind: 'image', key: 'lipEdge' }, mesh: strip.mesh, attach: strip.attach });
    }
  }
  for (const side of ['right', 'left'] as const) {
    const skin = eyelidSkinImage(photo, width, landmarks, side);
    images[`eyelid-${side}`] = skin.image;
    const strips = [
      { texture: { kind: 'image', key: `eyelid-${side}` } as const, strip: eyelidStrip(landmarks, side, 'skin', { box: skin.box }) },
      { texture: { kind: 'photo' } as const, strip: eyelidStrip(landmarks, side, 'lash', { width, height }) },
    ];
    for (const { texture, strip } of strips)
      layers.push({ name: 'eyelid', side, texture, mesh: strip.mesh, attach: strip.attach, attachTo: strip.attachTo, attachT: strip.attachT, attachDrop: strip.drop });
  }

  return {
    version: RIG_VERSION,
    photo: { width, height },
    layers,
    images,
    face: frame,
    blendshapes: buildBlendshapeBasis(landmarks, frame, head.skin.jaw),
    innerLip: [...INNER_LIP_UPPER, ...INNER_LIP_LOWER],
  };
}

/** The mouth fan's texture coordinates on the photo itself: each contour point at its own place, the centre at their mean. */
function mapToPhoto(mesh: RigMesh, landmarks: Float32Array, width: number, height: number): void {
  let cx = 0;
  let cy = 0;
  MOUTH_CONTOUR.forEach((li, k) => {
    mesh.uvs[k * 2] = landmarks[li * 3]! / width;
    mesh.uvs[k * 2 + 1] = landmarks[li * 3 + 1]! / height;
    cx += landmarks[li * 3]! / MOUTH_CONTOUR.length;
    cy += landmarks[li * 3 + 1]! / MOUTH_CONTOUR.length;
  });
  mesh.uvs[MOUTH_CONTOUR.length * 2] = cx / width;
  mesh.uvs[MOUTH_CONTOUR.length * 2 + 1] = cy / height;
}

/** The box around every covered pixel (photo px, one support texel of margin), or null when nothing is covered. */
function coverageBox(alpha: Uint8Array, w: number, h: number, toPhoto: number): [number, number, number, number] | null {
  let x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (alpha[y * w + x]! > 0) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  if (x1 < 0) return null;
  const bx = Math.max(0, x0 - 1) * toPhoto;
  const by = Math.max(0, y0 - 1) * toPhoto;
  return [bx, by, Math.min(w, x1 + 2) * toPhoto - bx, Math.min(h, y1 + 2) * toPhoto - by];
}

function restPositions(mesh: RigMesh, width: number, height: number): Float32Array {
  const n = mesh.uvs.length / 2;
  const p = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) p.set([mesh.uvs[i * 2]! * width, mesh.uvs[i * 2 + 1]! * height, 0], i * 3);
  return p;
}

/** Mean colour of the lips (between the outer and inner contours), from the small copy of the photo. */
function lipColour(small: RgbaImage, landmarks: Float32Array, photoWidth: number): [number, number, number] {
  const s = small.width / photoWidth;
  const sum = [0, 0, 0];
  let n = 0;
  // Lip body points: midway along each outer-to-inner pair.
  const pairs = [[0, 13], [17, 14], [37, 82], [267, 312], [84, 87], [314, 317], [39, 81], [269, 311]] as const;
  for (const [o, i] of pairs) {
    const x = Math.round(((landmarks[o * 3]! + landmarks[i * 3]!) / 2) * s);
    const y = Math.round(((landmarks[o * 3 + 1]! + landmarks[i * 3 + 1]!) / 2) * s);
    if (x < 0 || y < 0 || x >= small.width || y >= small.height) continue;
    const p = (y * small.width + x) * 4;
    for (let c = 0; c < 3; c++) sum[c] = sum[c]! + small.data[p + c]!;
    n++;
  }
  return n ? [sum[0]! / n, sum[1]! / n, sum[2]! / n] : [150, 80, 80];
}
