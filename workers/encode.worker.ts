/** Encode worker: WebCodecs + mediabunny, with ffmpeg.wasm where WebCodecs falls short, behind one comlink API. */
import { expose } from 'comlink';
import { createEncodeSession } from '../src/encode/encode-session.ts';
import type { ExportOptions } from '../src/encode/export-options.ts';
import { measureThroughput } from '../src/encode/encode-throughput.ts';

const session = createEncodeSession();

const api = {
  ...session,
  /** Bench only: encode-only throughput with frames made inside this worker. */
  measureThroughput: (options: ExportOptions) => measureThroughput(session, options),
};

expose(api);

export type EncodeWorkerApi = typeof api;
