/**
 * The page side of `npm run eval`: one photo × one voice through the real
 * pipeline (vision worker → rig → motion worker → render worker), then the
 * face landmark model on every rendered frame. It returns plain numbers and
 * a few pictures; the figures are computed in Node (src/eval/metrics/).
 *
 * Landmarks are measured on the rendered frames with the per-frame tracker
 * and no smoothing: the eval must see the jitter the renderer makes, not a
 * filtered version of it. The reference is the same tracker on the neutral
 * render, so model differences between photo analysis (478-point ensemble)
 * and tracking (468-point mesh model) do not count as identity drift.
 */
import type { PhotoAnalysis } from '../contracts/analysis.ts';
import { neutralFrame, type MotionFrame } from '../contracts/motion.ts';
import type { Rig } from '../contracts/rig.ts';
import type { BackendPreference } from '../runtime/backend-choice.ts';
import { psnr } from '../render/psnr.ts';
import { dilate } from '../rig/plate-inpaint.ts';
import { motionClient } from '../studio/motion-client.ts';
import { renderClient } from '../studio/render-client.ts';
import { visionClient } from '../studio/vision-client.ts';
import { analysePhotoBlob, loadIntoRenderer, rigForFace } from '../studio/pipeline/photo-stage.ts';

export interface PairInput {
  photo: Blob;
  audio: ArrayBuffer;
  /** Long side of the output, px (even). */
  size: number;
  /** At most this much of the audio, from its start. */
  seconds: number;
  fps: number;
  seed: number;
  /** Backend for the perception models (analysis and per-frame landmarks). */
  backend: BackendPreference;
  /** How many frames get pixel measures (background PSNR, face crops) and how many go in the strip. */
  pixelSamples: number;
  stripFrames: number;
}

export interface FaceCrop {
  frame: number;
  width: number;
  height: number;
  /** RGBA, base64. */
  rgba: string;
}

export interface PairRecord {
  fps: number;
  frameCount: number;
  width: number;
  height: number;
  audioSeconds: number;
  /** Per frame: 468×3 landmarks in output px, rounded to 0.01; null where no face was found. */
  landmarks: (number[] | null)[];
  reference: number[];
  /** Mono mix of the driver, aligned with frame 0, base64 Float32. */
  audio: { sampleRate: number; samples: string };
  headPose: { yaw: number; pitch: number; roll: number }[];
  /** Commanded jawOpen per frame, for the report. */
  jawOpen: number[];
  backgroundPsnr: number[];
  /** Share of the frame the background measure covers. */
  backgroundShare: number;
  neutralFaceCrop: FaceCrop;
  faceCrops: FaceCrop[];
  strip: { frame: number; dataUrl: string }[];
  timings: Record<string, number>;
  faces: number;
}

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

async function pixelsOf(frame: VideoFrame): Promise<Uint8Array> {
  const data = new Uint8Array(frame.codedWidth * frame.codedHeight * 4);
  await frame.copyTo(data, { format: 'RGBA' });
  return data;
}

function crop(rgba: Uint8Array, width: number, box: { x: number; y: number; w: number; h: number }): Uint8Array {
  const out = new Uint8Array(box.w * box.h * 4);
  for (let y = 0; y < box.h; y++) out.set(rgba.subarray(((box.y + y) * width + box.x) * 4, ((box.y + y) * width + box.x + box.w) * 4), y * box.w * 4);
  return out;
}

async function pngDataUrl(rgba: Uint8Array, width: number, height: number): Promise<string> {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return `data:image/png;base64,${base64(new Uint8Array(await blob.arrayBuffer()))}`;
}

/** The last photo's analysis and rig: a run pairs each photo with several voices, and the photo side does not change. */
let lastPhoto: { key: string; analysis: PhotoAnalysis; rig: Rig } | undefined;

async function photoKey(photo: Blob, backend: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await photo.arrayBuffer()));
  return `${backend}:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Effectively no smoothing: the filter's cutoff is far above any frame rate. */
const RAW = { smoothing: { minCutoff: 1e9, beta: 0, derivativeCutoff: 1e9 } };

export async function recordPair(input: PairInput): Promise<PairRecord> {
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      timings[stage] = (timings[stage] ?? 0) + performance.now() - t0;
    }
  };

  const key = await photoKey(input.photo, input.backend);
  if (lastPhoto?.key !== key) {
    const analysis = await time('analyse', () => analysePhotoBlob(input.photo, { backend: input.backend }));
    const rig = await time('rig', () => rigForFace(analysis, 0));
    await time('upload', () => loadIntoRenderer(input.photo, rig));
    lastPhoto = { key, analysis, rig };
  }
  const { analysis } = lastPhoto;

  const { width: pw, height: ph } = analysis.photo;
  const k = input.size / Math.max(pw, ph);
  const width = 2 * Math.round((pw * k) / 2);
  const height = 2 * Math.round((ph * k) / 2);
  const opts = { width, height, background: 'photo' as const };

  // The driver: mono mix kept here for the lip-sync measure, a copy goes to the motion worker.
  const decoded = await time('decode', () => motionClient.decode(input.audio.slice(0)));
  const length = Math.min(decoded.channels[0]!.length, Math.round(input.seconds * decoded.sampleRate));
  const mono = new Float32Array(length);
  for (const ch of decoded.channels) for (let i = 0; i < length; i++) mono[i]! += ch[i]! / decoded.channels.length;
  const track = await time('motion', () =>
    motionClient.synthesiseTrack({ sampleRate: decoded.sampleRate, channels: [mono.slice()] }, { fps: input.fps, seed: input.seed }));

  // Background measure: outside the person matte dilated by ~one eye distance, at output size.
  const face = analysis.faces[0]!;
  const lm = face.landmarks;
  const eyeDistance = Math.hypot(lm[33 * 3]! - lm[263 * 3]!, lm[33 * 3 + 1]! - lm[263 * 3 + 1]!) * 0.8;
  let backgroundMask: Uint8Array | null = null;
  let backgroundShare = 0;
  if (analysis.matte) {
    const m = analysis.matte;
    const small = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        small[y * width + x] = m.alpha[Math.min(m.height - 1, Math.floor(((y + 0.5) / height) * m.height)) * m.width + Math.min(m.width - 1, Math.floor(((x + 0.5) / width) * m.width))]!;
      }
    }
    const near = dilate(small, width, height, Math.max(1, Math.round(eyeDistance * k)));
    backgroundMask = near;
    for (const v of near) if (v < 8) backgroundShare++;
    backgroundShare /= near.length;
  }

  visionClient.resetTracking();
  const track1 = async (frame: VideoFrame, ms: number) => {
    const r = await visionClient.track(frame, ms, { ...RAW, backend: input.backend });
    return r.face ? Array.from(r.face.landmarks.subarray(0, 468 * 3), (v) => Math.round(v * 100) / 100) : null;
  };

  const neutral = await renderClient.renderFrame(neutralFrame(), opts, 0);
  const neutralPixels = await pixelsOf(neutral);
  const reference = await track1(neutral, 0);
  if (!reference) throw new Error('the face landmark model finds no face in the neutral render');
  visionClient.resetTracking();
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < 468; i++) {
    minX = Math.min(minX, reference[i * 3]!);
    maxX = Math.max(maxX, reference[i * 3]!);
    minY = Math.min(minY, reference[i * 3 + 1]!);
    maxY = Math.max(maxY, reference[i * 3 + 1]!);
  }
  const box = {
    x: Math.max(0, Math.floor(minX)),
    y: Math.max(0, Math.floor(minY)),
    w: Math.min(width, Math.ceil(maxX)) - Math.max(0, Math.floor(minX)),
    h: Math.min(height, Math.ceil(maxY)) - Math.max(0, Math.floor(minY)),
  };
  const cropOf = (rgba: Uint8Array, frame: number): FaceCrop => ({ frame, width: box.w, height: box.h, rgba: base64(crop(rgba, width, box)) });

  const n = track.frameCount;
  const sampled = new Set(Array.from({ length: Math.min(n, input.pixelSamples) }, (_, i) => Math.floor(((i + 0.5) * n) / Math.min(n, input.pixelSamples))));
  const stripAt = new Set(Array.from({ length: Math.min(n, input.stripFrames) }, (_, i) => Math.floor(((i + 0.5) * n) / Math.min(n, input.stripFrames))));
  const landmarks: (number[] | null)[] = [];
  const backgroundPsnr: number[] = [];
  const faceCrops: FaceCrop[] = [];
  const strip: { frame: number; dataUrl: string }[] = [];
  for (let i = 0; i < n; i++) {
    const frame = await time('render', () => renderClient.renderFrame(track.frames[i]!, opts, Math.round((i / track.fps) * 1e6)));
    if (sampled.has(i) || stripAt.has(i)) {
      const rgba = await pixelsOf(frame);
      if (sampled.has(i)) {
        // Identical pixels give Infinity, which JSON cannot carry: cap at 100 dB.
        if (backgroundMask && backgroundShare > 0.02) backgroundPsnr.push(Math.min(100, psnr(rgba, neutralPixels, (p) => backgroundMask![p]! < 8)));
        faceCrops.push(cropOf(rgba, i));
      }
      if (stripAt.has(i)) strip.push({ frame: i, dataUrl: await pngDataUrl(rgba, width, height) });
    }
    landmarks.push(await time('landmarks', () => track1(frame, (i * 1000) / track.fps)));
  }

  const poses = track.frames.map((f: MotionFrame) => ({ yaw: f.head.yaw, pitch: f.head.pitch, roll: f.head.roll }));
  return {
    fps: track.fps,
    frameCount: n,
    width,
    height,
    audioSeconds: length / decoded.sampleRate,
    landmarks,
    reference,
    audio: { sampleRate: decoded.sampleRate, samples: base64(new Uint8Array(mono.buffer)) },
    headPose: poses,
    jawOpen: track.frames.map((f) => f.blendshapes.jawOpen ?? 0),
    backgroundPsnr,
    backgroundShare,
    neutralFaceCrop: cropOf(neutralPixels, -1),
    faceCrops,
    strip,
    timings,
    faces: analysis.faces.length,
  };
}
