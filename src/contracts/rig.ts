/**
 * The rig: everything the renderer needs about one photo, computed once and
 * cached by the photo's hash. Plain data with typed arrays, so it crosses to
 * the render worker by transfer and can be stored in IndexedDB as it is.
 *
 * Coordinates are photo pixels (after EXIF orientation), x right, y down;
 * pixel (i, j) covers [i, i+1) × [j, j+1). Depth z uses the same pixel scale
 * with larger z nearer the viewer, so the near surface wins the depth test.
 */

export const RIG_VERSION = 9 as const;

/** The kinds of layer, back to front as a rig usually orders them; the renderer draws `Rig.layers` in array order. */
export const LAYER_ORDER = ['background', 'plate', 'body', 'mouth', 'lowerTeeth', 'upperTeeth', 'teeth', 'lipLine', 'eyeWhite', 'iris', 'head', 'lipEdge', 'eyelid'] as const;
export type LayerName = (typeof LAYER_ORDER)[number];

/** Which image a layer samples: the photo itself, or an image the rig carries (the inpainted plate, the mouth interior…). */
export type TextureRef = { kind: 'photo' } | { kind: 'image'; key: string };

export interface RigMesh {
  /** vertices×3: x, y in photo pixels, z depth in pixels (larger = nearer). */
  positions: Float32Array;
  /** vertices×2: texture coordinates, 0..1 across the layer's texture. */
  uvs: Float32Array;
  /** vertices: opacity 0..1; below 1 along feathered edges. */
  opacity: Float32Array;
  /** triangles×3, counter-clockwise or not: culling is off, the depth test decides. */
  indices: Uint32Array;
}

/** Per-vertex weights (0..1) saying how much each motion moves a vertex. */
export interface SkinWeights {
  /** Rigid head rotation and translation: 1 on the face, fading across the neck and hair to 0. */
  head: Float32Array;
  /** Jaw rotation about the pivot near the ears. */
  jaw: Float32Array;
  /** Breathing and shoulder rise. */
  torso: Float32Array;
}

export interface RigLayer {
  name: LayerName;
  texture: TextureRef;
  /**
   * Coverage, sampled at the same uv as the texture (its alpha channel); none
   * means fully opaque. With `under`, its red channel says where the edge lies
   * over that image (255) rather than over another person layer (0).
   */
  mask?: TextureRef;
  /**
   * What the photo mixed into this layer's soft edge (the plate: the
   * background behind the person). Its share is taken out of the edge, so
   * over that image the layer gives back the photo exactly, and moved away
   * it leaves no outline of the old edge on the background and carries none
   * of the background with it.
   */
  under?: TextureRef;
  mesh: RigMesh;
  skin?: SkinWeights;
  /** For the head layer: vertices 0…faceVertexCount−1 are the face landmarks, which the blendshape fields move. */
  faceVertexCount?: number;
  /**
   * For the head layer: per vertex, the depth (as mesh positions' z) the head
   * turn uses on the side of the face that comes into view. There the
   * landmarks' depth falls away too steeply for the photo to show (the side
   * of the face is a sliver in it), so the cheeks next to the outline are
   * set back until the depth falls no faster than 3 px per px. The side that
   * turns away keeps the landmarks' depth, so its cheek passes over the
   * outline as a real one does.
   */
  turnDepth?: Float32Array;
  /**
   * For the head layer: `count` rings of `inner.length` vertices follow the
   * face landmarks, ring r vertex k at faceVertexCount + r × inner.length + k,
   * each ring around the one inside it (ring −1 is `inner`, the face outline).
   * The last ring never moves.
   */
  rings?: { inner: number[]; count: number };
  /**
   * Vertex i of this layer sits between deformed head-layer vertices attach[i]
   * and attachTo[i], at attachT[i] (0 = on attach[i]); used by the eyelids.
   */
  attach?: number[];
  attachTo?: number[];
  attachT?: number[];
  /** With attach: an extra shift down the face per vertex, in face units, scaled by the layer's opacity. */
  attachDrop?: number[];
  /** For a layer that belongs to one eye. */
  side?: 'left' | 'right';
  /**
   * For an iris: it moves with the midpoint of head vertices anchor[0] and
   * anchor[1] (the eye's corners), plus the gaze turning an eyeball of this
   * radius (px).
   */
  eye?: { anchor: [number, number]; eyeballRadius: number };
}

/** Where the face is and how big, so motion in face-relative units becomes pixels. */
export interface FaceFrame {
  /** Photo px: the midpoint between the eyes. */
  centre: [number, number, number];
  /** Unit vectors in the photo plane: along the eye line (towards the subject's left eye), and down the face. */
  xAxis: [number, number];
  yAxis: [number, number];
  /** Pixels per face unit (1 unit = inter-ocular distance between the eye centres). */
  scale: number;
  /** Head rotation pivot near the top of the neck, photo px (z = depth). */
  headPivot: [number, number, number];
  /** Jaw hinge, between the ears, photo px. */
  jawPivot: [number, number, number];
}

/** Displacement fields on the face landmarks, named with ARKit blendshapes: landmarks×3 in face units (x along the eye line, y down, z towards the viewer). */
export type BlendshapeBasis = Record<string, Float32Array>;

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4, straight (not premultiplied) alpha, sRGB. */
  data: Uint8Array;
}

export interface Rig {
  version: typeof RIG_VERSION;
  photo: { width: number; height: number };
  layers: RigLayer[];
  images: Record<string, RgbaImage>;
  /** Absent when the photo has no face: the rig then only breathes, if it has a body. */
  face?: FaceFrame;
  blendshapes?: BlendshapeBasis;
  /** Inner-lip contour (indices into the head layer), upper lip left→right then lower lip right→left, for the mouth interior. */
  innerLip?: number[];
}
