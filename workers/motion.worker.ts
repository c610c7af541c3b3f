/** Motion worker: audio in, MotionTrack chunks out, behind one comlink API (logic in src/motion/). */
import { expose } from 'comlink';
import { createMotionApi } from '../src/motion/motion-api.ts';

const api = createMotionApi();

expose(api);

export type MotionWorkerApi = typeof api;
