/**
 * The shell: intended-use banner, header, job bars, and the lumbar layout (study list, collapsible |
 * Sagittal T2 | Sagittal T1 | Axial T2 | findings), a drop anywhere on it, print preview and About.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import { useCallback, useEffect, useState, type DragEvent, type JSX } from 'react';
import { api } from './api';
import { AboutDialog } from './components/AboutDialog';
import { AppHeader } from './components/AppHeader';
import { IntendedUseBanner } from './components/IntendedUseBanner';
import { JobBars } from './components/JobBars';
import { PrintPreview } from './components/PrintPreview';
import { ReaderNameDialog } from './components/ReaderNameDialog';
import { STUDY_COLUMN_ID } from './components/StudyListToggle';
import { ViewerArea } from './components/ViewerArea';
import { FindingsPanel } from './findings/FindingsPanel';
import { StudiesPanel } from './studies/StudiesPanel';
import { dragHasFiles, handleStudyDrop } from './studies/studyDrop';
import { useAppInfo } from './useAppInfo';
import { setStudyListShown, shouldAutoCollapse, useStudyListShown } from './workspace/studyListPref';
import { useWindowKeys } from './workspace/windowKeys';
import { actions, useWorkspace, workspace } from './workspace/workspace';

/** Opening a study in a narrow window hides the study list (focus inside it goes to its toggle). */
function useAutoCollapse(openUid: string | null): void {
  useEffect(() => {
    if (!openUid || !shouldAutoCollapse(window.innerWidth, openUid, workspace.getState().lastImport)) return;
    const column = document.getElementById(STUDY_COLUMN_ID);
    const hadFocus = column?.contains(document.activeElement) ?? false;
    setStudyListShown(false, false);
    if (hadFocus) document.querySelector<HTMLElement>(`[aria-controls="${STUDY_COLUMN_ID}"]`)?.focus();
  }, [openUid]);
}

/** A study dropped anywhere on the workspace (outside the drop zone, which handles its own). */
function onWorkspaceDrop(e: DragEvent): void {
  if (e.isDefaultPrevented() || !dragHasFiles(e)) return;
  handleStudyDrop(e, {
    ...(api.shell ? { shell: api.shell } : {}),
    onPaths: (paths) => void actions.importPaths(paths),
    onFiles: (files) => void actions.importDropped(files),
    onNote: (note) => {
      if (note) workspace.update({ status: note });
    },
  });
}

/** The whole window. */
export function App(): JSX.Element {
  const info = useAppInfo();
  const status = useWorkspace((s) => s.status);
  const open = useWorkspace((s) => s.open);
  const listShown = useStudyListShown();
  const analysisId = open?.bundle?.analysis.analysisId ?? null;
  const [printing, setPrinting] = useState(false);
  const [about, setAbout] = useState(false);
  const openPrint = useCallback(() => {
    if (workspace.getState().open?.bundle) setPrinting(true);
    else workspace.update({ status: 'No analysis to print: open an analysed study first.' });
  }, []);
  useEffect(() => {
    void actions.refreshStudies();
    return api.onEvent((e) => {
      if (e.type === 'menu' && e.command === 'print-summary') openPrint();
      else actions.handleEvent(e);
    });
  }, [openPrint]);
  useWindowKeys(openPrint, Boolean(api.shell));
  useAutoCollapse(open?.studyInstanceUid ?? null);
  return (
    <div className="flex h-screen flex-col bg-zinc-950 text-zinc-200">
      <IntendedUseBanner info={info} />
      <AppHeader
        info={info}
        study={open?.detail?.study ?? open?.listItem?.study ?? null}
        canPrint={analysisId !== null}
        onPrint={openPrint}
        onAbout={() => setAbout(true)}
      />
      <JobBars />
      <main
        className="flex min-h-0 flex-1 gap-1 p-1"
        data-testid="layout"
        data-study-list={listShown ? 'shown' : 'hidden'}
        onDragOver={(e) => {
          if (dragHasFiles(e)) e.preventDefault();
        }}
        onDrop={onWorkspaceDrop}
      >
        <div id={STUDY_COLUMN_ID} hidden={!listShown} className="flex w-[12.5rem] min-h-0 shrink-0 flex-col">
          <StudiesPanel {...(api.shell ? { shell: api.shell } : {})} />
        </div>
        <ViewerArea />
        <FindingsPanel />
      </main>
      <div
        role="status"
        aria-live="polite"
        data-testid="status-line"
        className="flex shrink-0 border-t border-zinc-800 px-3 py-0.5 text-[11px] text-zinc-400"
      >
        <span className="truncate">{status}</span>
        <span className="ml-auto shrink-0 pl-4 font-semibold text-amber-300">Not for clinical use</span>
      </div>
      {printing && analysisId && <PrintPreview analysisId={analysisId} onClose={() => setPrinting(false)} />}
      {about && <AboutDialog info={info} onClose={() => setAbout(false)} />}
      <ReaderNameDialog />
    </div>
  );
}
