/**
 * ADTS (the self-framed AAC stream ffmpeg writes with `-f adts`) to the raw
 * AAC frames and AudioSpecificConfig that an MP4 wants. Header layout from
 * ISO/IEC 13818-7 §6.2 (adts_fixed_header + adts_variable_header).
 */

export interface AdtsStream {
  /** Raw AAC access units, headers stripped, 1024 samples each (AAC-LC). */
  frames: Uint8Array[];
  sampleRate: number;
  channels: number;
  /** MPEG-4 audio object type: 2 is AAC-LC. */
  objectType: number;
  /** The 2-byte AudioSpecificConfig, the `description` for WebCodecs / esds. */
  audioSpecificConfig: Uint8Array;
}

// ISO/IEC 14496-3 Table 1.18, sampling_frequency_index.
const SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

export function parseAdts(bytes: Uint8Array): AdtsStream {
  const frames: Uint8Array[] = [];
  let sampleRate = 0;
  let channels = 0;
  let objectType = 0;
  let freqIndex = 0;
  let pos = 0;
  while (pos + 7 <= bytes.length) {
    if (bytes[pos] !== 0xff || (bytes[pos + 1]! & 0xf6) !== 0xf0) {
      throw new Error(`ADTS sync lost at byte ${pos}`);
    }
    const protectionAbsent = bytes[pos + 1]! & 1;
    objectType = (bytes[pos + 2]! >> 6) + 1;
    freqIndex = (bytes[pos + 2]! >> 2) & 0x0f;
    channels = ((bytes[pos + 2]! & 1) << 2) | (bytes[pos + 3]! >> 6);
    const frameLength = ((bytes[pos + 3]! & 3) << 11) | (bytes[pos + 4]! << 3) | (bytes[pos + 5]! >> 5);
    const blocks = (bytes[pos + 6]! & 3) + 1;
    if (blocks !== 1) throw new Error('ADTS frames with several raw data blocks are not supported');
    const header = protectionAbsent ? 7 : 9;
    if (frameLength < header || pos + frameLength > bytes.length) throw new Error(`truncated ADTS frame at byte ${pos}`);
    frames.push(bytes.slice(pos + header, pos + frameLength));
    pos += frameLength;
  }
  sampleRate = SAMPLE_RATES[freqIndex] ?? 0;
  return { frames, sampleRate, channels, objectType, audioSpecificConfig: audioSpecificConfig(objectType, freqIndex, channels) };
}

/** 5 bits object type, 4 bits frequency index, 4 bits channel configuration, 3 zero bits of GASpecificConfig. */
export function audioSpecificConfig(objectType: number, freqIndex: number, channels: number): Uint8Array {
  return new Uint8Array([(objectType << 3) | (freqIndex >> 1), ((freqIndex & 1) << 7) | (channels << 3)]);
}

export function sampleRateIndex(sampleRate: number): number {
  const i = SAMPLE_RATES.indexOf(sampleRate);
  if (i < 0) throw new RangeError(`AAC has no sampling_frequency_index for ${sampleRate} Hz`);
  return i;
}
