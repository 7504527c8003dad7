/**
 * The study column: the drop zone (or path field), the auto-analysis setting, the last import's problems
 * and the searchable study list. Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import type { ShellBridge } from '../../../main/shared/apiBridge';
import { PacsPanel } from '../pacs/PacsPanel';
import { SideTabs, useSideTab } from '../pacs/SideTabs';
import { actions, useWorkspace } from '../workspace/workspace';
import { ImportProblems } from './ImportProblems';
import { StudyDropZone } from './StudyDropZone';
import { StudyList } from './StudyList';

/** Study column of the layout. */
export function StudiesPanel({ shell }: { shell?: ShellBridge }): JSX.Element {
  const studies = useWorkspace((s) => s.studies);
  const listError = useWorkspace((s) => s.listError);
  const lastImport = useWorkspace((s) => s.lastImport);
  const importError = useWorkspace((s) => s.importError);
  const openUid = useWorkspace((s) => s.open?.studyInstanceUid ?? null);
  const busy = useWorkspace((s) => s.jobs.some((j) => !j.jobId.startsWith('analyze')));
  const autoAnalyze = useWorkspace((s) => s.autoAnalyze);
  if (useSideTab() === 'pacs') return <PacsPanel />;
  return (
    <nav
      aria-label="Studies"
      data-testid="studies-panel"
      className="flex min-h-0 flex-col gap-2 overflow-y-auto pr-1"
    >
      <SideTabs />
      <StudyDropZone
        {...(shell ? { shell } : {})}
        compact={openUid !== null}
        busy={busy}
        onPaths={(paths) => void actions.importPaths(paths)}
        onFiles={(files) => void actions.importDropped(files)}
      />
      <label className="flex items-center gap-1.5 text-[11px] text-zinc-400">
        <input
          type="checkbox"
          checked={autoAnalyze}
          onChange={(e) => actions.setAutoAnalyze(e.target.checked)}
        />
        Analyse after import (default model)
      </label>
      <ImportProblems result={lastImport} error={importError} />
      <StudyList
        studies={studies}
        listError={listError}
        openUid={openUid}
        onOpen={(uid) => void actions.openStudy(uid)}
      />
    </nav>
  );
}
