/**
 * Recording from the microphone: getUserMedia, a MediaRecorder, and an
 * analyser for the level meter, behind one small handle so the component only
 * deals with "start, read the level, stop".
 *
 * Echo cancellation, noise suppression and auto gain are turned off: they are
 * tuned for calls and smear the consonants that lip sync reads, and auto gain
 * pumps the level between words.
 */
import { MicrophoneUnavailableError } from './input-errors.ts';

// In order of preference: Opus in WebM is what Chromium and Firefox record;
// Safari records AAC in MP4. All of them decode again with decodeAudioData.
const RECORDER_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'] as const;

/** The first container this browser can record, or '' to let the browser pick. */
export function pickRecorderType(isTypeSupported: (type: string) => boolean): string {
  return RECORDER_TYPES.find((t) => isTypeSupported(t)) ?? '';
}

/** A file extension that matches a recorder MIME type, for the recording's name. */
export function extensionFor(mimeType: string): string {
  if (mimeType.startsWith('audio/ogg')) return 'ogg';
  if (mimeType.startsWith('audio/mp4')) return 'm4a';
  return 'webm';
}

export interface MicRecording {
  /** Peak level of the last ~20 ms in [0, 1], for a meter; read it once per animation frame. */
  level(): number;
  /** Seconds since recording started. */
  elapsed(): number;
  /** Stops recording and the microphone; resolves with the recording. */
  stop(): Promise<Blob>;
  /** Stops without keeping anything. */
  cancel(): void;
}

export async function startRecording(): Promise<MicRecording> {
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
    throw new MicrophoneUnavailableError('getUserMedia or MediaRecorder is missing');
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
    });
  } catch (e) {
    throw new MicrophoneUnavailableError(e instanceof Error ? `${e.name}: ${e.message}` : String(e), { cause: e });
  }
  const mimeType = pickRecorderType((t) => MediaRecorder.isTypeSupported(t));
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
  const parts: Blob[] = [];
  recorder.ondataavailable = (e) => e.data.size > 0 && parts.push(e.data);

  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  const buffer = new Float32Array(analyser.fftSize);

  const release = () => {
    for (const track of stream.getTracks()) track.stop();
    void context.close();
  };

  // A 1 s timeslice keeps what was said if the tab is closed mid-recording and keeps chunks small.
  recorder.start(1000);
  const startedAt = performance.now();

  return {
    level() {
      analyser.getFloatTimeDomainData(buffer);
      let peak = 0;
      for (const x of buffer) peak = Math.max(peak, Math.abs(x));
      return Math.min(1, peak);
    },
    elapsed: () => (performance.now() - startedAt) / 1000,
    stop: () =>
      new Promise<Blob>((resolve, reject) => {
        recorder.onstop = () => {
          release();
          resolve(new Blob(parts, { type: recorder.mimeType || mimeType || 'audio/webm' }));
        };
        recorder.onerror = (e) => {
          release();
          reject(new MicrophoneUnavailableError(`recorder failed: ${String((e as ErrorEvent).message ?? e.type)}`));
        };
        if (recorder.state === 'inactive') recorder.onstop(new Event('stop'));
        else recorder.stop();
      }),
    cancel() {
      recorder.ondataavailable = null;
      recorder.onstop = null;
      if (recorder.state !== 'inactive') recorder.stop();
      release();
    },
  };
}
