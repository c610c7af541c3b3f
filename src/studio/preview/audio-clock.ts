/**
 * Plays the driver's audio and tells the time, so the preview can draw the
 * frame that belongs to what is heard. The audio is the clock (not
 * requestAnimationFrame): when rendering is slow, frames are skipped, the
 * voice never stutters and lips stay on the words.
 */
import type { PcmAudio } from '../../encode/pcm-audio.ts';

export class AudioClock {
  private context: AudioContext | undefined;
  private buffer: AudioBuffer | undefined;
  private source: AudioBufferSourceNode | undefined;
  /** context.currentTime at which driver time 0 would have played. */
  private origin = 0;
  private pausedAt = 0;
  onended: (() => void) | undefined;

  constructor(private readonly audio: PcmAudio | null, readonly duration: number) {}

  get playing(): boolean {
    return this.source !== undefined;
  }

  /** Seconds into the driver. */
  now(): number {
    if (!this.context || !this.source) return this.pausedAt;
    return Math.min(this.duration, this.context.currentTime - this.origin);
  }

  /** Must be called from a user gesture the first time (autoplay rules). */
  async play(from = this.pausedAt): Promise<void> {
    this.stopSource();
    this.context ??= new AudioContext();
    await this.context.resume();
    if (from >= this.duration - 1e-3) from = 0;
    const node = this.context.createBufferSource();
    if (this.audio) {
      this.buffer ??= this.toBuffer(this.context, this.audio);
      node.buffer = this.buffer;
    } else {
      // No voice (silent preview): a silent buffer of the right length still keeps time.
      node.buffer = this.context.createBuffer(1, Math.max(1, Math.round(this.duration * this.context.sampleRate)), this.context.sampleRate);
    }
    node.connect(this.context.destination);
    node.onended = () => {
      if (this.source !== node) return;
      this.pausedAt = this.now();
      this.source = undefined;
      this.onended?.();
    };
    this.origin = this.context.currentTime - from;
    node.start(0, from, Math.max(0, this.duration - from));
    this.source = node;
  }

  pause(): void {
    this.pausedAt = this.now();
    this.stopSource();
  }

  seek(t: number): void {
    const wasPlaying = this.playing;
    this.pausedAt = Math.max(0, Math.min(this.duration, t));
    if (wasPlaying) void this.play(this.pausedAt);
  }

  close(): void {
    this.stopSource();
    void this.context?.close();
    this.context = undefined;
  }

  private stopSource(): void {
    const s = this.source;
    this.source = undefined;
    if (s) {
      s.onended = null;
      try {
        s.stop();
      } catch {
        // Already stopped.
      }
      s.disconnect();
    }
  }

  private toBuffer(context: AudioContext, audio: PcmAudio): AudioBuffer {
    const length = audio.channels[0]?.length ?? 0;
    const buffer = context.createBuffer(Math.min(2, audio.channels.length) || 1, Math.max(1, length), audio.sampleRate);
    for (let c = 0; c < buffer.numberOfChannels; c++) buffer.copyToChannel(audio.channels[c] as Float32Array<ArrayBuffer>, c);
    return buffer;
  }
}
