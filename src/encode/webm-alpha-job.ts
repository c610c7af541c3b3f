/**
 * WebM, VP9 with an alpha channel, for transparent-background video.
 *
 * Chromium's VideoEncoder refuses `alpha: 'keep'` (isConfigSupported says no
 * for VP9 here), so alpha is made the way WebM stores it anyway: a second VP9
 * stream whose luma is the alpha plane, carried in each Block's BlockAdditions
 * (the layout libvpx and ffmpeg read as yuva420p). Two encoders run side by
 * side with keyframes forced on the same frames, and their outputs are paired
 * by timestamp. If a browser ever accepts `alpha: 'keep'` and hands back alpha
 * side data, this is still correct, only slower.
 *
 * Opus audio rides along when the browser's AudioEncoder has Opus.
 */
import { EncodedAudioPacketSource, EncodedPacket, EncodedVideoPacketSource, Output, StreamTarget, WebMOutputFormat } from 'mediabunny';
import { encodeWithWebCodecs, type EncodedAudio } from './audio-encode.ts';
import { chooseVp9, defaultBitrate } from './codec-strings.ts';
import { AudioInterleaver } from './audio-interleaver.ts';
import { EncodeFailedError, EncoderUnsupportedError } from './errors.ts';
import { keyFrameAt, stampedVideoFrame, type ExportJob, type JobContext } from './export-job.ts';
import type { AnyFrame } from './frame-ledger.ts';
import { alphaToI420 } from './i420.ts';
import { PacedVideoEncoder } from './paced-video-encoder.ts';
import { alignAudio } from './pcm-audio.ts';
import { readRgba } from './pixels.ts';

interface Pending {
  color?: { data: Uint8Array; type: EncodedVideoChunkType; meta?: EncodedVideoChunkMetadata };
  alpha?: Uint8Array;
}

export async function startWebmAlphaJob(ctx: JobContext): Promise<ExportJob> {
  const o = ctx.options;
  if (typeof VideoEncoder === 'undefined') throw new EncoderUnsupportedError('no VideoEncoder: transparent WebM needs WebCodecs');
  const codec = chooseVp9(o.width, o.height, o.fps);
  const bitrate = o.bitrate ?? defaultBitrate(o.width, o.height, o.fps);
  const config: VideoEncoderConfig = { codec, width: o.width, height: o.height, framerate: o.fps, bitrate, alpha: 'discard' };
  const support = await VideoEncoder.isConfigSupported(config).catch(() => undefined);
  if (!support?.supported) throw new EncoderUnsupportedError(`VideoEncoder refuses ${codec} at ${o.width}x${o.height}@${o.fps}`);

  let audio: EncodedAudio | undefined;
  if (o.audio && typeof AudioEncoder !== 'undefined') {
    const aligned = alignAudio(o.audio, o.frameCount, o.fps, o.audioStartSeconds ?? 0);
    const opus = await AudioEncoder.isConfigSupported({ codec: 'opus', sampleRate: aligned.sampleRate, numberOfChannels: aligned.channels.length }).catch(() => undefined);
    if (opus?.supported) {
      ctx.onStage('audio', 'encoding Opus');
      audio = await encodeWithWebCodecs(aligned, 'opus');
    } else ctx.fallbacks.push('WebM: no Opus encoder, audio left out');
  }

  const output = new Output({ format: new WebMOutputFormat(), target: new StreamTarget(ctx.file.writable) });
  const videoSource = new EncodedVideoPacketSource('vp9');
  output.addVideoTrack(videoSource, { frameRate: o.fps });
  const audioSource = audio ? new EncodedAudioPacketSource('opus') : undefined;
  if (audioSource) output.addAudioTrack(audioSource);
  await output.start();
  const interleaver = new AudioInterleaver(audioSource, audio);

  const pending = new Map<number, Pending>();
  let muxing: Promise<void> = Promise.resolve();
  let muxError: unknown;
  /** Muxes every frame whose colour and alpha have both arrived, in index order. */
  let nextIndex = 0;
  const drain = () => {
    for (let p = pending.get(nextIndex); p?.color && p.alpha; p = pending.get(nextIndex)) {
      pending.delete(nextIndex);
      const { color, alpha } = p;
      const t = nextIndex / o.fps;
      nextIndex++;
      muxing = muxing
        .then(async () => {
          await videoSource.add(new EncodedPacket(color.data, color.type, t, 1 / o.fps, undefined, undefined, { alpha }), color.meta);
          await interleaver.upTo(t);
        })
        .catch((e) => {
          muxError ??= e;
        });
    }
  };
  const slot = (timestamp: number) => {
    const index = Math.round((timestamp * o.fps) / 1e6);
    let p = pending.get(index);
    if (!p) pending.set(index, (p = {}));
    return p;
  };
  const copy = (chunk: EncodedVideoChunk) => {
    const data = new Uint8Array(chunk.byteLength);
    chunk.copyTo(data);
    return data;
  };
  const colorEncoder = new PacedVideoEncoder(config, (chunk, meta) => {
    slot(chunk.timestamp).color = { data: copy(chunk), type: chunk.type, meta };
    drain();
  });
  const alphaEncoder = new PacedVideoEncoder(config, (chunk) => {
    slot(chunk.timestamp).alpha = copy(chunk);
    drain();
  });
  const rgba = new Uint8Array(o.width * o.height * 4);
  const checkMux = () => {
    if (muxError) throw new EncodeFailedError(`muxing failed: ${String(muxError)}`, { cause: muxError });
  };

  return {
    mimeType: 'video/webm',
    extension: 'webm',
    videoCodec: codec,
    videoBackend: 'webcodecs',
    audioBackend: audio?.backend,
    get openEncoders() {
      return (colorEncoder.open ? 1 : 0) + (alphaEncoder.open ? 1 : 0);
    },
    async add(frame: AnyFrame, index: number) {
      checkMux();
      const stamped = stampedVideoFrame(ctx.ledger, frame, index, o.fps);
      let alphaFrame: VideoFrame | undefined;
      try {
        await readRgba(stamped, o.width, o.height, rgba);
        alphaFrame = ctx.ledger.adopt(
          new VideoFrame(alphaToI420(rgba, o.width, o.height), { format: 'I420', codedWidth: o.width, codedHeight: o.height, timestamp: stamped.timestamp, duration: stamped.duration ?? undefined }),
        );
        const key = keyFrameAt(index, o.fps);
        await Promise.all([colorEncoder.encode(stamped, key), alphaEncoder.encode(alphaFrame, key)]);
      } finally {
        ctx.ledger.close(stamped);
        ctx.ledger.close(alphaFrame);
      }
      if (index % 8 === 7) await muxing;
      checkMux();
    },
    async finish() {
      await Promise.all([colorEncoder.flush(), alphaEncoder.flush()]);
      colorEncoder.close();
      alphaEncoder.close();
      drain();
      await muxing;
      checkMux();
      if (pending.size > 0) throw new EncodeFailedError(`${pending.size} frames lacked a colour or alpha half`);
      await interleaver.rest();
      videoSource.close();
      audioSource?.close();
      await output.finalize();
      return ctx.file.finish('video/webm');
    },
    async abort() {
      colorEncoder.close();
      alphaEncoder.close();
      pending.clear();
      await output.cancel().catch(() => undefined);
      await ctx.file.discard().catch(() => undefined);
    },
  };
}
