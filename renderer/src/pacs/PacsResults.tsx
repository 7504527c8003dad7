/**
 * The studies a PACS query found, one row each (date, patient, ID, accession, series), with Retrieve.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import type { PacsStudyInfo } from '../../../main/shared/apiPacs';
import { formatDa } from '../studies/studySearch';
import { personName } from '../../../main/shared/personName';

export interface PacsResultsProps {
  studies: PacsStudyInfo[];
  /** Retrieve is offered only while nothing is being retrieved. */
  canRetrieve: boolean;
  /** UIDs of studies already in the local store (marked, still retrievable). */
  storedUids: ReadonlySet<string>;
  onRetrieve: (study: PacsStudyInfo) => void;
}

/** Results table of the PACS tab. */
export function PacsResults({ studies, canRetrieve, storedUids, onRetrieve }: PacsResultsProps): JSX.Element {
  if (studies.length === 0)
    return (
      <p className="text-xs text-zinc-400" data-testid="pacs-no-results">
        No study on the PACS matches.
      </p>
    );
  return (
    <table aria-label="PACS studies" className="w-full table-fixed border-collapse text-[11px]">
      <thead className="sr-only">
        <tr>
          <th scope="col">Study</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {studies.map((s) => {
          const name = personName(s.patientName) || 'No name';
          const descriptions = s.series.map((se) => se.seriesDescription).filter(Boolean);
          return (
            <tr
              key={s.studyInstanceUid}
              className="border-t border-zinc-800 align-top"
              data-study-uid={s.studyInstanceUid}
            >
              <td className="py-1 pr-1">
                <span className="block truncate font-semibold text-zinc-100" title={name}>
                  {name}
                </span>
                <span className="block text-zinc-400">
                  {formatDa(s.studyDate) || '—'} · ID {s.patientId || '—'}
                </span>
                <span className="block text-zinc-400">
                  Acc {s.accessionNumber || '—'} · {s.modalities.join('/') || '—'} · {s.seriesCount} series
                </span>
                {descriptions.length > 0 && (
                  <span className="block truncate text-zinc-400" title={descriptions.join(', ')}>
                    {descriptions.join(', ')}
                  </span>
                )}
                {storedUids.has(s.studyInstanceUid) && (
                  <span className="block text-emerald-400">In the local store</span>
                )}
              </td>
              <td className="w-16 py-1 text-right">
                <button
                  type="button"
                  disabled={!canRetrieve}
                  aria-label={`Retrieve ${name} ${formatDa(s.studyDate)}`.trim()}
                  onClick={() => onRetrieve(s)}
                  className="rounded border border-sky-700 px-1.5 py-0.5 text-sky-200 hover:bg-sky-950 disabled:opacity-40"
                >
                  Retrieve
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
