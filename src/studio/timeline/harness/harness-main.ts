/**
 * Entry of the stand-alone timeline page (its own build, see vite.config.ts
 * here). The page has no track of its own: a browser test synthesises one in
 * Node and hands it over with `vivifyTimelineHarness(track, edits)`, so the
 * page needs no fixtures served and no motion worker.
 */
import { mount, unmount } from 'svelte';
import type { MotionTrack } from '../../../contracts/motion.ts';
import type { TrackEdit } from '../../../motion/track-edits.ts';
import '../../theme.css';
import TimelineHarness from '../TimelineHarness.svelte';

declare global {
  interface Window {
    vivifyTimelineHarness?: (track: MotionTrack, edits?: TrackEdit[]) => void;
  }
}

let shown: ReturnType<typeof mount> | null = null;
window.vivifyTimelineHarness = (track, edits = []) => {
  if (shown) void unmount(shown);
  shown = mount(TimelineHarness, { target: document.getElementById('app')!, props: { track, initialEdits: edits } });
};
