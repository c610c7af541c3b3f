/**
 * The rig: everything the renderer needs about one photo, computed once and
 * cached by the photo's hash. Plain data with typed arrays, so it crosses to
 * the render worker by transfer and can be stored in IndexedDB as it is.
 *
 * Coordinates are photo pixels (after EXIF orientation), x right, y down;
 * pixel (i, j) covers [i, i+1) × [j, j+1). Depth z uses the same pixel scale
 * with larger z nearer the viewer, so the near surface wins the depth test.
 */

export const RIG_VERSION = 1 as const;

/** The kinds of layer, back to front as a rig usually orders them; the renderer draws `Rig.layers` in array order. */
export const LAYER_ORDER = ['background', 'body', 'head', 'mouth', 'eyes'] as const;
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

export interface RigLayer {
  name: LayerName;
  texture: TextureRef;
  mesh: RigMesh;
}

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
}
