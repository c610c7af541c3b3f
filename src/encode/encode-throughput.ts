/**
 * Encode-only throughput, measured inside the encode worker. The frames are a
 * ring of 8 synthetic frames drawn once up front, so the figure is the cost
 * of encoding and muxing (and, for the ffmpeg path, the RGBA read-back and
 * I420 conversion it needs), not of drawing or of crossing from the page.
 * Each frame handed in is a new VideoFrame on a ring frame's pixels (no copy).
 */
import type { EncodeSession } from './encode-session.ts';
import type { ExportOptions } from './export-options.ts';
import { syntheticFrames } from './synthetic-frames.ts';

export interface ThroughputResult {
  fps: number;
  seconds: number;
  bytes: number;
  videoBackend?: string;
  videoCodec?: string;
}

const RING = 8;

export async function measureThroughput(session: EncodeSession, options: ExportOptions): Promise<ThroughputResult> {
  const source = syntheticFrames({ width: options.width, height: options.height, fps: options.fps, frameCount: RING });
  const ring: VideoFrame[] = [];
  for (let i = 0; i < RING; i++) ring.push((await source.frame(i)) as VideoFrame);
  try {
    const started = await session.begin(options);
    const t0 = performance.now();
    for (let i = 0; i < options.frameCount; i++) {
      await session.addFrame(new VideoFrame(ring[i % RING]!, { timestamp: Math.round((i * 1e6) / options.fps) }));
    }
    const result = await session.finish();
    const seconds = (performance.now() - t0) / 1000;
    return { fps: options.frameCount / seconds, seconds, bytes: result.file.size, videoBackend: started.videoBackend, videoCodec: started.videoCodec };
  } finally {
    ring.forEach((f) => f.close());
  }
}
