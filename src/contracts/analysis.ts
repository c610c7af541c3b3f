/**
 * What the analyse stage finds in one photo: plain data, so it crosses the
 * worker boundary with its typed arrays transferred, and can be cached or
 * saved with a rig.
 *
 * Coordinates are photo pixels after EXIF orientation, continuous: the centre
 * of pixel (i, j) is (i + 0.5, j + 0.5). Depth (z) uses the same pixel scale as
 * x, with smaller z nearer the camera (MediaPipe's convention); its origin is
 * the model's own (roughly the head's or the hips' centre), not the camera.
 */

export const PHOTO_ANALYSIS_VERSION = 1;

/** Radians. Yaw > 0: the head turns towards the photo's right; pitch > 0: it tilts down; roll > 0: it tilts clockwise on screen. */
export interface HeadRotation {
  yaw: number;
  pitch: number;
  roll: number;
}

export interface BoxPx {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FaceAnalysis {
  /** Axis-aligned box around the landmarks. */
  box: BoxPx;
  /** Detector score (0..1) of the detection this face came from. */
  score: number;
  /** The landmark model's face-presence probability after the refinement pass. */
  presence: number;
  /**
   * landmarksNx3 (N = landmarkCount): x, y, z per point, photo pixels. The
   * first 468 are MediaPipe's face mesh; 468–472 and 473–477, when present,
   * are the right and left iris (centre, then image-right, top, image-left,
   * bottom of its outline).
   */
  landmarks: Float32Array;
  /** 478 from photo analysis (mesh + irises); 468 from per-frame tracking, which runs the mesh model alone. */
  landmarkCount: number;
  /**
   * Iris centres [x, y] in photo pixels for the subject's right and left eye:
   * the model's iris points (estimated: false) with 478 landmarks; with 468,
   * estimated from the eye contour (see iris-estimate.ts): good for
   * placement, not for gaze.
   */
  irisCentres: { right: [number, number]; left: [number, number]; estimated: boolean };
  headRotation: HeadRotation;
  /** How the face was found: the whole-photo detector, or the head region of a detected body. */
  foundBy: 'face-detector' | 'pose-head-region';
}

export interface BodyAnalysis {
  score: number;
  /** keypoints33x4: x, y, z (photo pixels), visibility (0..1). */
  keypoints: Float32Array;
}

export interface HandAnalysis {
  /** The person's own hand, for an unmirrored photo. */
  handedness: 'left' | 'right';
  handednessScore: number;
  /** Hand-presence probability from the landmark model. */
  score: number;
  /** keypoints21x3: x, y, z, photo pixels. */
  keypoints: Float32Array;
}

export interface PersonMatte {
  width: number;
  height: number;
  /** width × height, 0 background … 255 person, row-major. */
  alpha: Uint8Array;
}

export interface PhotoAnalysis {
  version: typeof PHOTO_ANALYSIS_VERSION;
  photo: { width: number; height: number };
  /** Largest first. Empty when there is no face: that is a result, not an error. */
  faces: FaceAnalysis[];
  body: BodyAnalysis | null;
  hands: HandAnalysis[];
  matte: PersonMatte | null;
  /** Milliseconds per step, e.g. {"face": 41, "pose": 120, "matte": 35}. */
  timings: Record<string, number>;
  backend: string;
}
