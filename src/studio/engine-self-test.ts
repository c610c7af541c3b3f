/**
 * The engine self-test: loads the project's tiny test model on a backend and
 * runs it on a fixed input. The diagnostics panel offers it to users ("does
 * my machine work?"), and the browser tests and bench use the same code path.
 */
import type { Backend, BackendPreference } from '../runtime/backend-choice.ts';
import type { LoadReport } from '../runtime/model-runtime.ts';
import { float32Tensor } from '../runtime/tensor-data.ts';
import type { ModelClient } from './model-client.ts';

export const SELF_TEST_MODEL = 'vivify-test-conv';

/** A smooth, fixed [1, 3, 16, 16] NCHW image in 0..1: every run sees the same input. */
export function selfTestInput(): Float32Array {
  const x = new Float32Array(3 * 16 * 16);
  for (let c = 0; c < 3; c++)
    for (let y = 0; y < 16; y++)
      for (let i = 0; i < 16; i++) x[c * 256 + y * 16 + i] = 0.5 + 0.5 * Math.sin(0.7 * i + 1.3 * y + 2.1 * c);
  return x;
}

export interface SelfTestResult {
  load: LoadReport;
  /** Where the run ran: the load's backend, unless the GPU refused the run and the model moved to WASM. */
  backend: Backend;
  movedToWasm?: string;
  runMs: number;
  scores: number[];
  features: number[];
}

export async function runSelfTest(client: ModelClient, backend: BackendPreference): Promise<SelfTestResult> {
  const load = await client.load(SELF_TEST_MODEL, { backend });
  try {
    const { outputs, ms, backend: ranOn, movedToWasm } = await client.run(load.session, { image: float32Tensor(selfTestInput(), [1, 3, 16, 16]) });
    return {
      load,
      backend: ranOn,
      ...(movedToWasm === undefined ? {} : { movedToWasm }),
      runMs: ms,
      scores: Array.from(outputs['scores']!.data as Float32Array),
      features: Array.from(outputs['features']!.data as Float32Array),
    };
  } finally {
    await client.dispose(load.session);
  }
}
