/**
 * MP4: H.264 + AAC, fast-start. Video from WebCodecs when the browser takes
 * the configuration, else libx264 in ffmpeg.wasm; audio from WebCodecs AAC,
 * else ffmpeg.wasm's AAC. Both paths meet at the muxer as encoded packets.
 *
 * Fast-start without holding the video in memory: mediabunny's 'reserve' mode
 * leaves room for the moov at the front, sized from the packet counts we know
 * up front (frameCount, and the audio already encoded), streams media to the
 * output file, and writes the moov into the reserved room at the end.
 */
import { EncodedAudioPacketSource, EncodedPacket, EncodedVideoPacketSource, Mp4OutputFormat, Output, StreamTarget } from 'mediabunny';
import { AAC_CODEC, encodeAacWithFfmpeg, encodeWithWebCodecs, webCodecsAacSupported, type EncodedAudio } from './audio-encode.ts';
import { chooseH264, defaultBitrate, type H264Choice } from './codec-strings.ts';
import { EncodeFailedError, EncoderUnsupportedError } from './errors.ts';
import { keyFrameAt, stampedVideoFrame, type ExportJob, type JobContext } from './export-job.ts';
import type { AnyFrame } from './frame-ledger.ts';
import { PacedVideoEncoder } from './paced-video-encoder.ts';
import { alignAudio } from './pcm-audio.ts';
import { readRgba } from './pixels.ts';
import { AudioInterleaver } from './audio-interleaver.ts';
import { X264SegmentEncoder, type H264Config } from './x264-segments.ts';

export async function startMp4Job(ctx: JobContext): Promise<ExportJob> {
  const { options: o, fallbacks } = ctx;
  const bitrate = o.bitrate ?? defaultBitrate(o.width, o.height, o.fps);
  let h264: H264Choice;
  try {
    h264 = chooseH264(o.width, o.height, o.fps, bitrate);
  } catch (e) {
    throw new EncoderUnsupportedError(String(e));
  }
  const useWebCodecs = await webCodecsTakes(ctx, h264, bitrate);

  let audio: EncodedAudio | undefined;
  if (o.audio) {
    const aligned = alignAudio(o.audio, o.frameCount, o.fps, o.audioStartSeconds ?? 0);
    ctx.onStage('audio', 'encoding AAC');
    if (!o.forceFfmpeg && (await webCodecsAacSupported(aligned))) {
      audio = await encodeWithWebCodecs(aligned, AAC_CODEC);
    } else {
      fallbacks.push(o.forceFfmpeg ? 'AAC: ffmpeg.wasm forced' : `AAC: AudioEncoder refuses ${AAC_CODEC}; using ffmpeg.wasm`);
      audio = await encodeAacWithFfmpeg(ctx.ffmpeg, aligned);
    }
  }
  if (!useWebCodecs) {
    ctx.onStage('load', 'loading ffmpeg.wasm');
    await ctx.ffmpeg.warm();
  }

  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'reserve' }), target: new StreamTarget(ctx.file.writable) });
  const videoSource = new EncodedVideoPacketSource('avc');
  output.addVideoTrack(videoSource, { frameRate: o.fps, maximumPacketCount: o.frameCount });
  const audioSource = audio ? new EncodedAudioPacketSource('aac') : undefined;
  if (audioSource && audio) output.addAudioTrack(audioSource, { maximumPacketCount: audio.packets.length });
  await output.start();

  const interleaver = new AudioInterleaver(audioSource, audio);
  // The muxer's add() is async (it waits on the file writer); chain calls so packets land in order.
  let muxing: Promise<void> = Promise.resolve();
  let muxError: unknown;
  const mux = (packet: EncodedPacket, meta?: EncodedVideoChunkMetadata) => {
    muxing = muxing
      .then(async () => {
        await videoSource.add(packet, meta);
        await interleaver.upTo(packet.timestamp);
      })
      .catch((e) => {
        muxError ??= e;
      });
  };
  const checkMux = () => {
    if (muxError) throw new EncodeFailedError(`muxing failed: ${String(muxError)}`, { cause: muxError });
  };

  let webcodecs: PacedVideoEncoder | undefined;
  let x264: X264SegmentEncoder | undefined;
  if (useWebCodecs) {
    webcodecs = new PacedVideoEncoder(
      { codec: h264.codec, width: o.width, height: o.height, framerate: o.fps, bitrate, avc: { format: 'avc' }, latencyMode: 'quality' },
      (chunk, meta) => {
        const data = new Uint8Array(chunk.byteLength);
        chunk.copyTo(data);
        const index = Math.round((chunk.timestamp * o.fps) / 1e6);
        mux(new EncodedPacket(data, chunk.type, index / o.fps, 1 / o.fps), meta);
      },
    );
  } else {
    let unitIndex = 0;
    x264 = new X264SegmentEncoder(ctx.ffmpeg, { width: o.width, height: o.height, fps: o.fps, bitrate, h264 }, async (unit, config: H264Config | undefined) => {
      const index = unitIndex++;
      const meta: EncodedVideoChunkMetadata | undefined = config
        ? { decoderConfig: { codec: config.codec, codedWidth: o.width, codedHeight: o.height, description: config.description } }
        : undefined;
      mux(new EncodedPacket(unit.data, unit.keyFrame ? 'key' : 'delta', index / o.fps, 1 / o.fps), meta);
      await muxing;
      checkMux();
    });
  }

  return {
    mimeType: 'video/mp4',
    extension: 'mp4',
    videoCodec: h264.codec,
    videoBackend: useWebCodecs ? 'webcodecs' : 'ffmpeg',
    audioBackend: audio?.backend,
    get openEncoders() {
      return webcodecs?.open ? 1 : 0;
    },
    async add(frame: AnyFrame, index: number) {
      checkMux();
      if (webcodecs) {
        const stamped = stampedVideoFrame(ctx.ledger, frame, index, o.fps);
        try {
          await webcodecs.encode(stamped, keyFrameAt(index, o.fps));
        } finally {
          ctx.ledger.close(stamped);
        }
        // Bound the muxing backlog as well: if the writer is slow, wait for it here.
        if (index % 8 === 7) await muxing;
      } else if (x264) {
        try {
          await readRgba(frame, o.width, o.height, x264.rgbaScratch);
        } finally {
          ctx.ledger.close(frame);
        }
        await x264.addRgba(x264.rgbaScratch);
      }
      checkMux();
    },
    async finish() {
      if (webcodecs) {
        await webcodecs.flush();
        webcodecs.close();
      }
      await x264?.flush();
      await muxing;
      checkMux();
      await interleaver.rest();
      videoSource.close();
      audioSource?.close();
      await output.finalize();
      return ctx.file.finish('video/mp4');
    },
    async abort() {
      webcodecs?.close();
      if (ctx.ffmpeg.busy) ctx.ffmpeg.terminate();
      await output.cancel().catch(() => undefined);
      await ctx.file.discard().catch(() => undefined);
    },
  };
}

/** Whether WebCodecs takes this H.264 configuration; records why not when it does not. */
async function webCodecsTakes(ctx: JobContext, h264: H264Choice, bitrate: number): Promise<boolean> {
  const { options: o, fallbacks } = ctx;
  if (o.forceFfmpeg) {
    fallbacks.push('H.264: ffmpeg.wasm forced');
    return false;
  }
  if (typeof VideoEncoder === 'undefined') {
    fallbacks.push('H.264: this browser has no VideoEncoder; using ffmpeg.wasm (libx264)');
    return false;
  }
  const support = await VideoEncoder.isConfigSupported({ codec: h264.codec, width: o.width, height: o.height, framerate: o.fps, bitrate, avc: { format: 'avc' } }).catch(() => undefined);
  if (support?.supported) return true;
  fallbacks.push(`H.264: VideoEncoder refuses ${h264.codec} at ${o.width}x${o.height}@${o.fps}; using ffmpeg.wasm (libx264)`);
  return false;
}
