/** The one progress record every long job reports, through a comlink.proxy callback. */
export interface Progress {
  stage: string;
  done: number;
  total: number;
  note?: string;
}

export type ProgressCallback = (p: Progress) => void;
