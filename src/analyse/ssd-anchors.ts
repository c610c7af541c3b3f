/**
 * SSD anchor centres for MediaPipe's single-shot detectors, generated the way
 * its SsdAnchorsCalculator lays them out: layers that share a stride share one
 * feature map, each layer adds one anchor per aspect ratio plus one
 * "interpolated" anchor, and anchors are emitted row by row, then per anchor.
 *
 * All three detectors here use fixed_anchor_size, so an anchor is only a
 * centre (its width and height are 1 in the decoder); scales would matter
 * only for variable-size anchors, which we do not need.
 *
 * Options are those of MediaPipe's graph configs (face_detection_short_range,
 * pose_detection, palm_detection .pbtxt), checked by the anchor counts the
 * models' outputs have (896, 2254, 2016).
 */

export interface SsdAnchorOptions {
  inputWidth: number;
  inputHeight: number;
  /** One per layer; consecutive equal strides share a feature map. */
  strides: readonly number[];
  aspectRatios: readonly number[];
  /** MediaPipe's interpolated_scale_aspect_ratio (default 1): one extra anchor per layer when > 0. */
  interpolatedScaleAspectRatio: number;
  anchorOffsetX: number;
  anchorOffsetY: number;
}

export const FACE_SHORT_RANGE_ANCHORS: SsdAnchorOptions = {
  inputWidth: 128,
  inputHeight: 128,
  strides: [8, 16, 16, 16],
  aspectRatios: [1],
  interpolatedScaleAspectRatio: 1,
  anchorOffsetX: 0.5,
  anchorOffsetY: 0.5,
};

export const POSE_DETECTOR_ANCHORS: SsdAnchorOptions = {
  inputWidth: 224,
  inputHeight: 224,
  strides: [8, 16, 32, 32, 32],
  aspectRatios: [1],
  interpolatedScaleAspectRatio: 1,
  anchorOffsetX: 0.5,
  anchorOffsetY: 0.5,
};

export const PALM_ANCHORS: SsdAnchorOptions = {
  inputWidth: 192,
  inputHeight: 192,
  strides: [8, 16, 16, 16],
  aspectRatios: [1],
  interpolatedScaleAspectRatio: 1,
  anchorOffsetX: 0.5,
  anchorOffsetY: 0.5,
};

/** anchors N×2: x, y centres normalised to the input (0..1). */
export function generateAnchors(o: SsdAnchorOptions): Float32Array {
  const centres: number[] = [];
  let layer = 0;
  while (layer < o.strides.length) {
    const stride = o.strides[layer]!;
    let perCell = 0;
    let next = layer;
    while (next < o.strides.length && o.strides[next] === stride) {
      perCell += o.aspectRatios.length + (o.interpolatedScaleAspectRatio > 0 ? 1 : 0);
      next++;
    }
    const rows = Math.ceil(o.inputHeight / stride);
    const cols = Math.ceil(o.inputWidth / stride);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        const cx = (x + o.anchorOffsetX) / cols;
        const cy = (y + o.anchorOffsetY) / rows;
        for (let a = 0; a < perCell; a++) centres.push(cx, cy);
      }
    }
    layer = next;
  }
  return Float32Array.from(centres);
}
