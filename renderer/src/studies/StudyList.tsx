/**
 * The studies in the local store, and the problems of the last import.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import type { ImportStudyResult, StudyListItem } from '../../../main/shared/apiRecords';

function formatDa(da: string): string {
  return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da;
}

/** List of stored studies (or its empty state) and the last import's problems. */
export function StudyList(props: {
  studies: StudyListItem[] | null;
  listError: string;
  lastImport: ImportStudyResult | null;
}): JSX.Element {
  const { studies, listError, lastImport } = props;
  return (
    <div className="flex flex-col gap-2 text-xs">
      {listError && <p className="text-red-400">The study list could not be read: {listError}</p>}
      {studies !== null && studies.length === 0 && (
        <p className="text-slate-500" data-testid="study-list-empty">
          No studies in the local store.
        </p>
      )}
      {studies !== null && studies.length > 0 && (
        <ul aria-label="Stored studies" className="flex flex-col gap-1" data-testid="study-list">
          {studies.map((s) => (
            <li key={s.study.studyInstanceUid} className="rounded border border-slate-800 p-2">
              <div className="font-semibold text-slate-200">
                {s.study.patientName.replace(/\^/g, ' ') || 'No name'}
              </div>
              <div className="text-slate-400">
                {formatDa(s.study.studyDate)} · {s.seriesCount} series · {s.instanceCount} images
              </div>
              <div className="text-slate-500">
                {s.analyses.length === 0 ? 'Not analysed' : `${s.analyses.length} analysis(es)`}
              </div>
            </li>
          ))}
        </ul>
      )}
      {lastImport && lastImport.problems.length > 0 && (
        <details className="text-amber-300">
          <summary>{lastImport.problems.length} import problem(s)</summary>
          <ul className="mt-1 flex flex-col gap-1">
            {lastImport.problems.slice(0, 50).map((p, i) => (
              <li key={i} title={p.file}>
                [{p.code}] {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
