/**
 * The study list from the local store (listStudies) and the import of dropped or typed paths
 * (importStudy, a job whose progress arrives as events). Renderer code: no node, no engine.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ImportStudyResult, StudyListItem } from '../../../main/shared/apiRecords';
import { api } from '../api';

export interface StudiesState {
  studies: StudyListItem[] | null;
  /** Why the list could not be read. */
  listError: string;
  lastImport: ImportStudyResult | null;
  busyJobId: string | null;
  importPaths: (paths: string[]) => Promise<string>;
}

function newJobId(): string {
  return `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function importMessage(r: ImportStudyResult): string {
  const n = r.studies.length;
  const problems = r.problems.length > 0 ? `; ${r.problems.length} file(s) with problems` : '';
  return n === 0
    ? `No study could be imported${problems}.`
    : `Imported ${n} stud${n === 1 ? 'y' : 'ies'}${problems}.`;
}

/** Study list plus an import function that returns a status line for the user. */
export function useStudies(): StudiesState {
  const [studies, setStudies] = useState<StudyListItem[] | null>(null);
  const [listError, setListError] = useState('');
  const [lastImport, setLastImport] = useState<ImportStudyResult | null>(null);
  const [busyJobId, setBusyJobId] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const r = await api.listStudies();
    if (r.ok) {
      setStudies(r.value);
      setListError('');
    } else setListError(r.error.message);
  }, []);
  useEffect(() => {
    refresh().catch((e: unknown) => setListError(e instanceof Error ? e.message : String(e)));
  }, [refresh]);
  const importPaths = useCallback(
    async (paths: string[]): Promise<string> => {
      const jobId = newJobId();
      setBusyJobId(jobId);
      try {
        const r = await api.importStudy({ paths, jobId });
        if (!r.ok) return r.error.message;
        setLastImport(r.value);
        await refresh();
        return importMessage(r.value);
      } finally {
        setBusyJobId(null);
      }
    },
    [refresh],
  );
  return { studies, listError, lastImport, busyJobId, importPaths };
}
