/**
 * `npm run eval -- --video FILE`: the same figures for a real talking video,
 * so real people set the reference for jitter and lip dynamics. Debian's
 * ffmpeg decodes the frames and the audio; the landmark model runs in Node
 * (onnxruntime-web's WASM backend on our converted models) with the same
 * unsmoothed tracker the page uses on rendered frames. The reference face is
 * the first frame where one is found.
 */
import { execFileSync, spawn } from 'node:child_process';
import { basename } from 'node:path';
import { createLandmarkTracker } from '../../src/analyse/landmark-tracker.ts';
import type { EvalRecording } from '../../src/eval/metrics/index.ts';
import { nodeModels } from '../unit/analyse/node-models.ts';

const RAW = { smoothing: { minCutoff: 1e9, beta: 0, derivativeCutoff: 1e9 } };

interface Probe {
  width: number;
  height: number;
  fps: number;
}

function probe(file: string): Probe {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,avg_frame_rate', '-of', 'json', file], { encoding: 'utf8' });
  const s = (JSON.parse(out) as { streams: { width: number; height: number; avg_frame_rate: string }[] }).streams[0]!;
  const [n, d] = s.avg_frame_rate.split('/').map(Number);
  return { width: s.width, height: s.height, fps: n! / (d || 1) };
}

function decodeAudio(file: string, seconds: number): { sampleRate: number; samples: Float32Array } {
  const sampleRate = 16_000;
  try {
    const pcm = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-t', String(seconds), '-vn', '-ac', '1', '-ar', String(sampleRate), '-f', 'f32le', '-'], { maxBuffer: 1 << 30 });
    return { sampleRate, samples: new Float32Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength)) };
  } catch {
    return { sampleRate, samples: new Float32Array(0) }; // no audio track: lip-sync figures come out null
  }
}

export async function videoRecording(file: string, seconds: number): Promise<EvalRecording> {
  const { width, height, fps } = probe(file);
  const frameBytes = width * height * 4;
  const models = nodeModels();
  const tracker = createLandmarkTracker(models.runModel, RAW);
  const landmarks: (Float32Array | null)[] = [];
  const t0 = performance.now();
  const ffmpeg = spawn('ffmpeg', ['-v', 'error', '-i', file, '-t', String(seconds), '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let pending = Buffer.alloc(0);
  for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= frameBytes) {
      const data = new Uint8Array(pending.subarray(0, frameBytes));
      pending = pending.subarray(frameBytes);
      const r = await tracker.track({ width, height, data }, (landmarks.length * 1000) / fps);
      landmarks.push(r.face ? r.face.landmarks.slice(0, 468 * 3) : null);
    }
  }
  await models.release();
  const reference = landmarks.find((l): l is Float32Array => l !== null);
  if (!reference) throw new Error(`${file}: no face found in any frame`);
  const audio = decodeAudio(file, seconds);
  return {
    name: basename(file),
    fps,
    landmarks,
    reference,
    audio,
    timings: { landmarks: performance.now() - t0 },
    audioSeconds: audio.samples.length / audio.sampleRate,
  };
}
