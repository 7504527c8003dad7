/**
 * The shell: intended-use banner, header, and the fixed lumbar layout
 * (studies | Sagittal T2 | Sagittal T1 | Axial T2 | findings). Renderer code: no node, no engine.
 */
import { useCallback, useEffect, useState, type JSX } from 'react';
import type { ApiEvent } from '../../main/shared/apiEvents';
import { api } from './api';
import { AppHeader } from './components/AppHeader';
import { IntendedUseBanner } from './components/IntendedUseBanner';
import { FindingsPanel } from './findings/FindingsPanel';
import { StudiesPanel } from './studies/StudiesPanel';
import { useStudies } from './studies/useStudies';
import { useAppInfo } from './useAppInfo';
import { ViewerPane } from './viewer/ViewerPane';

/** The whole window. */
export function App(): JSX.Element {
  const info = useAppInfo();
  const [status, setStatus] = useState('');
  const studies = useStudies();
  const { importPaths } = studies;
  const openPaths = useCallback(
    (paths: string[]) => {
      setStatus(`Importing ${paths.length} item(s)…`);
      importPaths(paths).then(setStatus, (e: unknown) =>
        setStatus(e instanceof Error ? e.message : String(e)),
      );
    },
    [importPaths],
  );
  useEffect(
    () =>
      api.onEvent((e: ApiEvent) => {
        if (e.type === 'open-paths') openPaths(e.paths);
        else if (e.type === 'menu' && e.command === 'print-summary') setStatus('No analysis to print yet.');
        else if (e.type === 'job-progress')
          setStatus(`${e.stage}: ${e.done}/${e.total}${e.message ? ` — ${e.message}` : ''}`);
        else if (e.type === 'job-end' && !e.ok) setStatus(e.error?.message ?? 'The job failed.');
      }),
    [openPaths],
  );
  return (
    <div className="flex h-screen flex-col">
      <IntendedUseBanner info={info} />
      <AppHeader info={info} />
      <main
        className="grid min-h-0 flex-1 grid-cols-[15rem_1fr_1fr_1fr_20rem] gap-2 p-2"
        data-testid="layout"
      >
        <StudiesPanel shell={api.shell} state={studies} onPaths={openPaths} />
        <ViewerPane title="Sagittal T2" purpose="Spinal canal stenosis, midline" testId="pane-sagittal-t2" />
        <ViewerPane title="Sagittal T1" purpose="Neural foramina, lateral slices" testId="pane-sagittal-t1" />
        <ViewerPane title="Axial T2" purpose="Subarticular recesses at each disc" testId="pane-axial-t2" />
        <FindingsPanel />
      </main>
      <div
        role="status"
        aria-live="polite"
        className="shrink-0 border-t border-slate-800 px-4 py-1 text-xs text-slate-400"
      >
        {status}
      </div>
    </div>
  );
}
