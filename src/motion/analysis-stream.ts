/**
 * From a sample source of any rate and channel count to analysis features:
 * downmix, resample to 16 kHz, extract per-hop features. Streaming end to end,
 * with state bounded by the longest window, so an hour of audio costs what a
 * minute does.
 */
import { ANALYSIS_RATE, FeatureExtractor, type FeatureFrame } from './audio-features.ts';
import type { AudioBlock } from './audio-source.ts';
import { AudioDecodeError } from './errors.ts';
import { StreamingResampler, downmix } from './resample.ts';

// Below 4 kHz there is no speech spectrum to analyse; above 768 kHz is not audio we will meet.
const MIN_RATE = 4000;
const MAX_RATE = 768000;

export class AnalysisStream {
  private resampler: StreamingResampler | null = null;
  private readonly features = new FeatureExtractor();
  private inputRate = 0;
  private inputFrames = 0;

  /** Seconds of input consumed so far. */
  get seconds(): number {
    return this.inputRate ? this.inputFrames / this.inputRate : 0;
  }

  push(block: AudioBlock): FeatureFrame[] {
    const rate = block.sampleRate;
    if (!Number.isFinite(rate) || rate < MIN_RATE || rate > MAX_RATE) throw new AudioDecodeError(`unsupported sample rate ${rate} Hz`);
    if (!this.resampler) {
      this.inputRate = rate;
      this.resampler = new StreamingResampler(rate, ANALYSIS_RATE);
    } else if (rate !== this.inputRate) {
      throw new AudioDecodeError(`sample rate changed mid-stream (${this.inputRate} → ${rate} Hz)`);
    }
    const mono = downmix(block.channels);
    this.inputFrames += mono.length;
    return this.features.push(sanitise(this.resampler.push(mono)));
  }

  flush(): FeatureFrame[] {
    if (!this.resampler) return [];
    const tail = this.features.push(sanitise(this.resampler.flush()));
    return tail.concat(this.features.flush());
  }
}

// A NaN from a broken decoder would spread through every spring; treat it as silence.
function sanitise(x: Float32Array): Float32Array {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) x[i] = 0;
  return x;
}
