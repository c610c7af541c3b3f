/**
 * The ffmpeg.wasm fallback for H.264: libx264 over segments of raw frames.
 *
 * ffmpeg.wasm runs a command to completion on files in its memory file system;
 * it cannot read an open-ended stream. So frames are converted to I420 into a
 * segment buffer of bounded size, and each full segment is one ffmpeg run that
 * starts with an IDR frame. Memory stays bounded by the segment, whatever the
 * length of the video. The price is a keyframe per segment (see SEGMENT_BYTES).
 *
 * Every run uses the same settings, so x264 writes byte-identical SPS/PPS and
 * the segments join into one stream under a single avcC; this is checked, not
 * assumed. ABR rate control (not CRF) matters here: x264 derives the PPS's
 * pic_init_qp from the CRF value, but uses a fixed 26 under ABR.
 */
import { avcDecoderConfig, parseAnnexB, type AccessUnit } from './annexb.ts';
import { EncodeFailedError } from './errors.ts';
import type { FfmpegRuntime } from './ffmpeg-runtime.ts';
import type { H264Choice } from './codec-strings.ts';
import { i420Size, rgbaToI420 } from './i420.ts';

/**
 * Raw bytes per segment. 96 MB of I420 is 2 s at 1080p30 and 7 frames at 4K,
 * and with x264's own buffers keeps the wasm heap well under the 2 GB a
 * 32-bit wasm build can grow to (4 GB at most, less in some builds).
 */
const SEGMENT_BYTES = 96 * 1024 * 1024;

export interface X264Settings {
  width: number;
  height: number;
  fps: number;
  bitrate: number;
  h264: H264Choice;
}

export interface H264Config {
  codec: string;
  description: Uint8Array;
}

export class X264SegmentEncoder {
  readonly segmentFrames: number;
  readonly #frameBytes: number;
  #buffer: Uint8Array;
  #count = 0;
  #segments = 0;
  #sps: Uint8Array | undefined;
  #pps: Uint8Array | undefined;
  #rgba: Uint8Array;

  constructor(
    private readonly ffmpeg: FfmpegRuntime,
    private readonly settings: X264Settings,
    /** Receives each access unit in order; on the first, the decoder config too. */
    private readonly onUnit: (unit: AccessUnit, config: H264Config | undefined) => Promise<void>,
  ) {
    const { width, height, fps } = settings;
    this.#frameBytes = i420Size(width, height);
    // Two seconds per segment at most: a keyframe every 2 s is what streaming sites ask for anyway.
    this.segmentFrames = Math.max(1, Math.min(Math.round(fps * 2), Math.floor(SEGMENT_BYTES / this.#frameBytes)));
    this.#buffer = new Uint8Array(this.segmentFrames * this.#frameBytes);
    this.#rgba = new Uint8Array(width * height * 4);
  }

  /** The RGBA of one frame; the segment is encoded (and this call waits) when it is full. */
  async addRgba(rgba: Uint8Array): Promise<void> {
    rgbaToI420(rgba, this.settings.width, this.settings.height, this.#buffer, this.#count * this.#frameBytes);
    this.#count++;
    if (this.#count === this.segmentFrames) await this.#encodeSegment();
  }

  /** A scratch RGBA buffer callers may fill before addRgba, to avoid a 33 MB allocation per 4K frame. */
  get rgbaScratch(): Uint8Array {
    return this.#rgba;
  }

  async flush(): Promise<void> {
    if (this.#count > 0) await this.#encodeSegment();
  }

  async #encodeSegment(): Promise<void> {
    const { width, height, fps, bitrate, h264 } = this.settings;
    const frames = this.#count;
    // writeFile transfers the buffer, so hand over exactly the used part and start a new one.
    const used = frames === this.segmentFrames ? this.#buffer : this.#buffer.slice(0, frames * this.#frameBytes);
    this.#buffer = new Uint8Array(this.segmentFrames * this.#frameBytes);
    this.#count = 0;
    await this.ffmpeg.write('segment.yuv', used);
    try {
      // prettier-ignore
      await this.ffmpeg.run([
        '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${width}x${height}`, '-r', String(fps), '-i', 'segment.yuv',
        '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-level:v', h264.level,
        // No B-frames: decode order equals display order, so timestamps are simply index/fps.
        '-bf', '0', '-g', String(this.segmentFrames),
        '-b:v', String(bitrate), '-maxrate', String(bitrate * 1.5), '-bufsize', String(bitrate * 2),
        // Access unit delimiters let us split frames without parsing slice headers.
        '-x264-params', 'aud=1',
        '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
        '-f', 'h264', 'segment.h264',
      ]);
      const stream = parseAnnexB(await this.ffmpeg.read('segment.h264'));
      let config: H264Config | undefined;
      if (!this.#sps || !this.#pps) {
        this.#sps = stream.sps;
        this.#pps = stream.pps;
        const hex = (n: number) => n.toString(16).padStart(2, '0');
        config = { codec: `avc1.${hex(stream.sps[1]!)}${hex(stream.sps[2]!)}${hex(stream.sps[3]!)}`, description: avcDecoderConfig(stream.sps, stream.pps) };
      } else if (!equal(this.#sps, stream.sps) || !equal(this.#pps, stream.pps)) {
        throw new EncodeFailedError(`x264 changed its SPS/PPS in segment ${this.#segments}; segments cannot share one avcC`);
      }
      if (stream.units.length !== frames) throw new EncodeFailedError(`x264 returned ${stream.units.length} frames for ${frames}`);
      for (const unit of stream.units) {
        await this.onUnit(unit, config);
        config = undefined;
      }
      this.#segments++;
    } finally {
      await this.ffmpeg.remove('segment.yuv');
      await this.ffmpeg.remove('segment.h264');
    }
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
