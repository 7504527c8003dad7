/**
 * The three image panes (Sagittal T2/STIR | Sagittal T1 | Axial T2) of the open study, fed from the
 * workspace store; empty panes until a study is open, with the reason when its images cannot be read.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import { useWorkspace } from '../workspace/workspace';
import { ViewerPane } from '../viewer/ViewerPane';

/** The viewer columns of the layout (spans three grid columns). */
export function ViewerArea(): JSX.Element {
  const open = useWorkspace((s) => s.open);
  return (
    <div className="col-span-3 flex min-h-0 min-w-0 flex-col gap-1">
      {open?.detailError && (
        <p
          role="alert"
          className="shrink-0 rounded border border-amber-700 bg-amber-950/40 px-2 py-1 text-xs text-amber-100"
        >
          The images of this study cannot be shown: {open.detailError}
        </p>
      )}
      <div className="grid min-h-0 flex-1 grid-cols-3 gap-1">
        <ViewerPane title="Sagittal T2" purpose="Spinal canal stenosis, midline" testId="pane-sagittal-t2" />
        <ViewerPane title="Sagittal T1" purpose="Neural foramina, lateral slices" testId="pane-sagittal-t1" />
        <ViewerPane title="Axial T2" purpose="Subarticular recesses at each disc" testId="pane-axial-t2" />
      </div>
    </div>
  );
}
