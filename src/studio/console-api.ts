/**
 * `window.vivify`: a console handle for power users and the browser tests,
 * e.g. `await vivify.models.capabilities()` or `await vivify.selfTest('wasm')`.
 * It exposes the same client the UI uses, so tests exercise the real path.
 */
import type { BackendPreference } from '../runtime/backend-choice.ts';
import { runSelfTest } from './engine-self-test.ts';
import { buildRig } from '../rig/build-rig.ts';
import { plateRig } from '../rig/plate-rig.ts';
import { encodeClient } from './encode-client.ts';
import { modelClient } from './model-client.ts';
import { motionClient } from './motion-client.ts';
import { visionClient } from './vision-client.ts';
import { renderClient } from './render-client.ts';
import { analysePhotoBlob, loadIntoRenderer, rigForFace } from './pipeline/photo-stage.ts';
import { exportAnimation } from './pipeline/export-animation.ts';
import { outputSize } from './projects/output-size.ts';
import type { PairInput } from '../eval/record-pair.ts';
import { applyUpdate, offlineStatus } from '../pwa/register.ts';

const consoleApi = {
  models: modelClient,
  vision: visionClient,
  encode: encodeClient,
  selfTest: (backend: BackendPreference = 'auto') => runSelfTest(modelClient, backend),
  render: renderClient,
  rigs: { plate: plateRig, build: buildRig },
  motion: motionClient,
  pipeline: { analysePhotoBlob, rigForFace, loadIntoRenderer, exportAnimation, outputSize },
  offline: { status: offlineStatus, applyUpdate },
  /** `npm run eval`'s page side, loaded only when asked for. */
  eval: { recordPair: async (input: PairInput) => (await import('../eval/record-pair.ts')).recordPair(input) },
};

export type VivifyConsoleApi = typeof consoleApi;

export function installConsoleApi(): void {
  (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify = consoleApi;
}
