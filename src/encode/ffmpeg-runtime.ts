/**
 * ffmpeg.wasm, started on first use and served from our own origin.
 *
 * The core's .js and .wasm are imported with `?url`, so Vite copies them into
 * the build as hashed assets; @ffmpeg/ffmpeg would otherwise fetch them from
 * unpkg, which both breaks offline use and leaks that the app is running.
 * Commands run in @ffmpeg/ffmpeg's own nested worker, so this (encode) worker
 * stays responsive during a long run and cancel can simply terminate it.
 *
 * The single-threaded core: it needs no SharedArrayBuffer, and on the 2-core
 * machines we target the threaded core's gain on libx264 would be small.
 */
import { FFmpeg } from '@ffmpeg/ffmpeg';
import coreURL from '@ffmpeg/core?url';
import wasmURL from '@ffmpeg/core/wasm?url';
import { EncodeFailedError } from './errors.ts';

export class FfmpegRuntime {
  #ffmpeg: FFmpeg | undefined;
  #loading: Promise<FFmpeg> | undefined;
  #log: string[] = [];
  #busy = 0;

  get busy(): boolean {
    return this.#busy > 0;
  }

  async #get(): Promise<FFmpeg> {
    this.#loading ??= (async () => {
      const ff = new FFmpeg();
      // Keep the tail of the log for error messages; ffmpeg reports failures there, not in the return code.
      ff.on('log', ({ message }) => {
        this.#log.push(message);
        if (this.#log.length > 40) this.#log.shift();
      });
      await ff.load({ coreURL: new URL(coreURL, self.location.href).href, wasmURL: new URL(wasmURL, self.location.href).href });
      this.#ffmpeg = ff;
      return ff;
    })();
    try {
      return await this.#loading;
    } catch (e) {
      this.#loading = undefined;
      throw new EncodeFailedError(`ffmpeg.wasm failed to load: ${String(e)}`, { cause: e });
    }
  }

  /** Starts the download and compile early, so the first command does not pay for it. */
  async warm(): Promise<void> {
    await this.#get();
  }

  /** Writes `data` into ffmpeg's memory file system. The buffer is transferred: `data` must own it whole. */
  async write(path: string, data: Uint8Array): Promise<void> {
    await (await this.#get()).writeFile(path, data);
  }

  async read(path: string): Promise<Uint8Array> {
    const out = await (await this.#get()).readFile(path);
    if (typeof out === 'string') throw new EncodeFailedError(`ffmpeg returned text for ${path}`);
    return out;
  }

  async remove(path: string): Promise<void> {
    await (await this.#get()).deleteFile(path).catch(() => undefined);
  }

  async run(args: string[]): Promise<void> {
    const ff = await this.#get();
    this.#log = [];
    this.#busy++;
    try {
      const code = await ff.exec(['-hide_banner', '-nostdin', '-y', ...args]);
      if (code !== 0) throw new EncodeFailedError(`ffmpeg exited with ${code}: ${this.#log.slice(-8).join(' | ')}`);
    } finally {
      this.#busy--;
    }
  }

  /** Stops any running command at once and frees the wasm heap; the next call loads a fresh core. */
  terminate(): void {
    this.#ffmpeg?.terminate();
    this.#ffmpeg = undefined;
    this.#loading = undefined;
    this.#busy = 0;
  }
}
