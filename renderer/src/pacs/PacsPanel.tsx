/**
 * The study column while its PACS tab shows: the tab switch and the PACS tab, with a retrieved study opened
 * (and analysed) in the workspace like an import. Renderer code: imports only main/shared.
 */
import { useMemo, type JSX } from 'react';
import { api } from '../api';
import { actions, useWorkspace } from '../workspace/workspace';
import { PacsTab } from './PacsTab';
import { pacsView } from './pacsView';
import { SideTabs } from './SideTabs';

/** PACS side of the study column (StudiesPanel shows it when the PACS tab is chosen). */
export function PacsPanel(): JSX.Element {
  const studies = useWorkspace((s) => s.studies);
  const storedUids = useMemo(() => new Set((studies ?? []).map((s) => s.study.studyInstanceUid)), [studies]);
  return (
    <nav
      aria-label="PACS"
      data-testid="pacs-panel"
      className="flex min-h-0 flex-col gap-2 overflow-y-auto pr-1"
    >
      <SideTabs />
      <div role="tabpanel" id="side-panel-pacs" aria-labelledby="side-tab-pacs" className="flex min-h-0 flex-col">
        <PacsTab api={api} view={pacsView} onRetrieved={actions.openImported} storedUids={storedUids} />
      </div>
    </nav>
  );
}
