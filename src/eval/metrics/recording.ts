/**
 * What the eval runner collects for one photo × audio pair: plain data, so it
 * can be gathered in the browser, serialised, and measured in Node.
 */
export interface EvalRecording {
  /** e.g. "people_0 × radio31" */
  name: string;
  fps: number;
  /** Per output frame: MediaPipe face landmarks in output-frame pixels, x,y,z interleaved (468 or 478 points), or null where no face was found. */
  landmarks: (Float32Array | null)[];
  /** Landmarks measured on the photo itself (rendered neutral frame), same layout. */
  reference: Float32Array;
  /** The driver audio, mono, aligned so sample 0 is frame 0's time. */
  audio: { sampleRate: number; samples: Float32Array };
  /** Commanded head pose per frame (radians) from the MotionTrack, for the plots. */
  headPose?: { yaw: number; pitch: number; roll: number }[];
  /** Background PSNR (dB) measured per sampled frame by the runner (it has the pixels). */
  backgroundPsnr?: number[];
  /** SSIM of the face region vs the neutral render, for sampled low-motion frames (runner computes with ssim()). */
  faceSsim?: number[];
  /** Stage timings, ms ("total" if the runner measured the whole pipeline, else the stages are summed), and the audio duration, s. */
  timings?: Record<string, number>;
  audioSeconds?: number;
  /** Small PNG data URLs of a few frames, for the report's strip. */
  strip?: { frame: number; dataUrl: string }[];
}

/** Landmarks of one frame: x,y,z interleaved, output-frame pixels. */
export type Landmarks = ArrayLike<number>;
