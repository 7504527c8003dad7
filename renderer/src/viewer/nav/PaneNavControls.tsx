/**
 * Navigation controls in a pane's header: the series chooser, and on the sagittal panes the toggle of
 * linked scrolling (default on; navController puts its state on the regions as data-linked-scroll). Only main/shared.
 */
import type { JSX } from 'react';
import type { PaneId } from '../panes';
import { setLinkedScroll, useLinkedScroll } from './navState';
import { SeriesChooser } from './SeriesChooser';

const BTN =
  'rounded px-1.5 py-0.5 text-[11px] hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline focus-visible:outline-1 focus-visible:outline-sky-500';

export function PaneNavControls({ pane, title }: { pane: PaneId; title: string }): JSX.Element {
  const linked = useLinkedScroll();
  const sagittal = pane === 'sagittalT2' || pane === 'sagittalT1';
  return (
    <div className="ml-auto flex shrink-0 items-center gap-0.5">
      <SeriesChooser pane={pane} title={title} />
      {sagittal && (
        <button
          type="button"
          className={`${BTN} ${linked ? 'text-sky-300' : 'text-zinc-400'}`}
          aria-pressed={linked}
          aria-label="Link sagittal scrolling"
          title="Scroll both sagittal series together by patient position"
          onClick={() => setLinkedScroll(!linked)}
        >
          Link
        </button>
      )}
    </div>
  );
}
