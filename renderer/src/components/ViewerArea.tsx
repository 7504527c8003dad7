/**
 * The three image panes (Sagittal T2/STIR | Sagittal T1 | Axial T2) of the open study, fed from the
 * workspace store: the study's stacks at their most useful slices, the jump of a findings cell, the
 * measurement strip. Renderer code: imports only main/shared, never node or the engine.
 */
import { useEffect, useRef, type JSX } from 'react';
import { api } from '../api';
import { NavLayer } from '../viewer/nav/NavLayer';
import { paneStarts } from '../viewer/paneStacks';
import { PANE_IDS } from '../viewer/panes';
import { jumpToKeyLocation } from '../viewer/viewerActions';
import { viewerApi } from '../viewer/viewerApi';
import { configureViewer, goToSlice, paneEntry, setStudy, showStack, viewerRuntime } from '../viewer/viewerController';
import { ViewerPane } from '../viewer/ViewerPane';
import { ViewerToolbar } from '../viewer/ViewerToolbar';
import { actions, useWorkspace } from '../workspace/workspace';

configureViewer((arg) => api.getStackPixels(arg));
/** The viewer API on the window, for end-to-end tests and the viewer benchmark (read-only use). */
(window as unknown as { spinegradeViewer?: typeof viewerApi }).spinegradeViewer = viewerApi;

const TEST_IDS = { sagittalT2: 'pane-sagittal-t2', sagittalT1: 'pane-sagittal-t1', axialT2: 'pane-axial-t2' } as const;

/** The viewer columns of the layout (the width the study list and the findings leave, in three). */
export function ViewerArea(): JSX.Element {
  const open = useWorkspace((s) => s.open);
  const jump = useWorkspace((s) => s.jump);
  const detail = open?.detail ?? null;
  const analysis = open?.bundle?.analysis ?? null;
  const patientName = detail?.study.patientName ?? open?.listItem?.study.patientName ?? '';
  const started = useRef<string | null>(null);

  useEffect(() => {
    const rt = viewerRuntime();
    actions.setViewerInfo({ renderPath: rt.renderPath, webglRenderer: rt.webglRenderer });
  }, []);

  useEffect(() => {
    setStudy(detail);
    started.current = null;
  }, [detail]);

  // Start slices: once per (study, analysis); an analysis arriving later moves the panes once more.
  useEffect(() => {
    if (!detail) return;
    const key = `${detail.study.studyInstanceUid}/${analysis?.analysisId ?? ''}`;
    if (started.current === key) return;
    started.current = key;
    const starts = paneStarts(detail, analysis);
    for (const pane of PANE_IDS) {
      const s = starts[pane];
      if (!s) continue;
      const cur = paneEntry(pane);
      if (cur && cur.series.seriesInstanceUid === s.seriesInstanceUid && cur.stack.stackIndex === s.stackIndex) {
        void goToSlice(pane, s.sliceIndex);
      } else {
        void showStack(pane, s.seriesInstanceUid, s.stackIndex, s.sliceIndex);
      }
    }
  }, [detail, analysis]);

  useEffect(() => {
    if (jump && detail) void jumpToKeyLocation(jump.keyLocation);
  }, [jump, detail]);

  return (
    <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-1">
      {open?.detailError && (
        <p
          role="alert"
          className="shrink-0 rounded border border-amber-700 bg-amber-950/40 px-2 py-1 text-xs text-amber-100"
        >
          The images of this study cannot be shown: {open.detailError}
        </p>
      )}
      <div className="grid min-h-0 flex-1 grid-cols-3 gap-1">
        {PANE_IDS.map((pane) => (
          <ViewerPane key={pane} pane={pane} patientName={patientName} testId={TEST_IDS[pane]} />
        ))}
      </div>
      <NavLayer levelPoints={analysis?.levelPoints ?? null} />
      <ViewerToolbar active={detail !== null} />
    </div>
  );
}
