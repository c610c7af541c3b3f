/**
 * The checks a voice goes through between "the person chose a file" and "the
 * motion stage gets samples": is it audio at all, does it decode, is there
 * any sound in it. Each failure is a typed error with a sentence for the UI.
 *
 * Decoding is passed in (`motionClient.decode` in the browser, `decodeWav` in
 * tests), so this runs the same in both.
 */
import { VivifyError } from '../../contracts/errors.ts';
import type { DecodedAudio } from '../../motion/audio-source.ts';
import { AUDIO_HEADER_BYTES, sniffAudioType, type AudioType } from './audio-type.ts';
import { CorruptAudioError, SilentAudioError, UnsupportedAudioError } from './input-errors.ts';
import { isAudioSilent } from './silence.ts';

export type VoiceOrigin = 'file' | 'mic' | 'sample';

export interface CheckedVoice {
  type: AudioType;
  audio: DecodedAudio;
  seconds: number;
}

/** Throws UnsupportedAudioError unless the bytes start like an audio or video container. */
export async function checkVoiceType(file: Blob): Promise<AudioType> {
  const head = new Uint8Array(await file.slice(0, AUDIO_HEADER_BYTES).arrayBuffer());
  const type = sniffAudioType(head);
  if (!type) throw new UnsupportedAudioError(`not an audio container (first bytes ${hex(head.subarray(0, 8))})`);
  return type;
}

/**
 * Type check, decode, silence check. Errors the decoder raises that are
 * already typed (an empty file) pass through; anything else it throws means
 * the file is damaged.
 */
export async function decodeVoice(file: Blob, decode: (bytes: ArrayBuffer) => Promise<DecodedAudio>): Promise<CheckedVoice> {
  const type = await checkVoiceType(file);
  let audio: DecodedAudio;
  try {
    audio = await decode(await file.arrayBuffer());
  } catch (e) {
    if (e instanceof VivifyError && e.name !== 'AudioDecodeError') throw e;
    throw new CorruptAudioError(`the ${type} file could not be decoded`, { cause: e });
  }
  if (isAudioSilent(audio)) throw new SilentAudioError('no 20 ms frame above the silence threshold for long enough');
  return { type, audio, seconds: (audio.channels[0]?.length ?? 0) / audio.sampleRate };
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
