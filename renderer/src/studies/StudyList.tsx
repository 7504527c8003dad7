/**
 * The studies of the local store, searchable by name, ID, date and accession; a click opens a study and
 * its newest analysis exactly as stored. Renderer code: imports only main/shared, never node or the engine.
 */
import { useState, type JSX } from 'react';
import type { StudyListItem } from '../../../main/shared/apiRecords';
import { personName } from '../../../main/shared/personName';
import { formatDa, matchesStudy } from './studySearch';

export interface StudyListProps {
  studies: StudyListItem[] | null;
  listError: string;
  openUid: string | null;
  onOpen: (studyInstanceUid: string) => void;
}

function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function analysisLine(s: StudyListItem): string {
  if (s.analyses.length === 0) return 'Not analysed';
  const signed = s.analyses.some((a) => a.signOff);
  const overrides = s.analyses.reduce((n, a) => n + a.overrideCount, 0);
  return [
    counted(s.analyses.length, 'analysis', 'analyses'),
    overrides ? counted(overrides, 'reader grade', 'reader grades') : '',
    signed ? 'signed' : 'not signed',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Search field and the list (or its empty state). */
export function StudyList({ studies, listError, openUid, onOpen }: StudyListProps): JSX.Element {
  const [query, setQuery] = useState('');
  const shown = (studies ?? []).filter((s) => matchesStudy(s, query));
  return (
    <div className="flex min-h-0 flex-col gap-1.5 text-xs">
      {listError && <p className="text-red-300">The study list could not be read: {listError}</p>}
      {studies !== null && studies.length === 0 && (
        <p className="text-zinc-400" data-testid="study-list-empty">
          No studies in the local store.
        </p>
      )}
      {studies !== null && studies.length > 0 && (
        <>
          <input
            type="search"
            aria-label="Search studies"
            placeholder="Search name, ID, date, accession"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="rounded border border-zinc-700 bg-zinc-950 px-2 py-1"
          />
          <ul aria-label="Stored studies" className="flex flex-col gap-1" data-testid="study-list">
            {shown.map((s) => {
              const uid = s.study.studyInstanceUid;
              const current = uid === openUid;
              return (
                <li key={uid}>
                  <button
                    type="button"
                    aria-current={current ? 'true' : undefined}
                    onClick={() => onOpen(uid)}
                    className={`w-full rounded border px-2 py-1 text-left hover:bg-zinc-800 ${current ? 'border-sky-600 bg-sky-950/40' : 'border-zinc-800'}`}
                  >
                    <span className="block font-semibold text-zinc-100">
                      {personName(s.study.patientName) || 'No name'}
                    </span>
                    <span className="block text-zinc-400">
                      ID {s.study.patientId || '—'} · {formatDa(s.study.studyDate)} · Acc{' '}
                      {s.study.accessionNumber || '—'}
                    </span>
                    <span className="block text-zinc-400">
                      {s.seriesCount} series · {s.instanceCount} images
                    </span>
                    <span className="block text-zinc-400">{analysisLine(s)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {shown.length === 0 && <p className="text-zinc-400">No stored study matches “{query}”.</p>}
        </>
      )}
    </div>
  );
}
