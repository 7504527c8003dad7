/**
 * The shell: intended-use banner, header, job bars, and the fixed lumbar layout
 * (studies | Sagittal T2 | Sagittal T1 | Axial T2 | findings), print preview and About.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import { useCallback, useEffect, useState, type JSX } from 'react';
import { api } from './api';
import { AboutDialog } from './components/AboutDialog';
import { AppHeader } from './components/AppHeader';
import { IntendedUseBanner } from './components/IntendedUseBanner';
import { JobBars } from './components/JobBars';
import { PrintPreview } from './components/PrintPreview';
import { ReaderNameDialog } from './components/ReaderNameDialog';
import { ViewerArea } from './components/ViewerArea';
import { FindingsPanel } from './findings/FindingsPanel';
import { StudiesPanel } from './studies/StudiesPanel';
import { useAppInfo } from './useAppInfo';
import { actions, useWorkspace, workspace } from './workspace/workspace';

/** The whole window. */
export function App(): JSX.Element {
  const info = useAppInfo();
  const status = useWorkspace((s) => s.status);
  const open = useWorkspace((s) => s.open);
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
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'p') {
        e.preventDefault();
        openPrint();
      } else if (key === 'o' && !api.shell) {
        // File > Open of the browser host: the typed-path field (the app's menu opens a file dialog).
        e.preventDefault();
        const field = document.getElementById('study-path');
        if (field instanceof HTMLInputElement) {
          field.focus();
          field.select();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPrint]);
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
        className="grid min-h-0 flex-1 grid-cols-[12.5rem_1fr_1fr_1fr_29rem] gap-1.5 p-1.5"
        data-testid="layout"
      >
        <StudiesPanel {...(api.shell ? { shell: api.shell } : {})} />
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
