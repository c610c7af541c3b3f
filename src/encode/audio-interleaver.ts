/**
 * Feeds pre-encoded audio packets to the muxer a little ahead of the video,
 * so the muxer can interleave the two in small chunks instead of queueing a
 * whole track of one kind while it waits for the other.
 */
import type { EncodedAudioPacketSource } from 'mediabunny';
import type { EncodedAudio } from './audio-encode.ts';

/** Seconds of audio to keep ahead of the video: one muxer chunk's worth. */
const LEAD = 0.5;

export class AudioInterleaver {
  #next = 0;
  constructor(
    private readonly source: EncodedAudioPacketSource | undefined,
    private readonly audio: EncodedAudio | undefined,
  ) {}

  async upTo(videoSeconds: number): Promise<void> {
    const packets = this.audio?.packets ?? [];
    while (this.source && this.#next < packets.length && packets[this.#next]!.timestamp <= videoSeconds + LEAD) {
      await this.source.add(packets[this.#next]!, this.#next === 0 ? { decoderConfig: this.audio!.config } : undefined);
      this.#next++;
    }
  }

  async rest(): Promise<void> {
    await this.upTo(Infinity);
  }
}
