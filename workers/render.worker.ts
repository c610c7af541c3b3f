/** Render worker: WebGPU frames from a rig and MotionFrames, behind one comlink API. */
import { expose } from 'comlink';
import { createRenderApi } from '../src/render/render-api.ts';

const api = createRenderApi();
expose(api);

export type RenderWorkerApi = typeof api;
