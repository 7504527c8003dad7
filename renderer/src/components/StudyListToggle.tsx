/**
 * The header button that shows or hides the study column (Ctrl/Cmd+B does the same); its state is
 * aria-expanded on a constant name, "Study list". Renderer code: imports only main/shared.
 */
import type { JSX } from 'react';
import { toggleStudyList, useStudyListShown } from '../workspace/studyListPref';

/** Id of the element the toggle controls (the study column in App). */
export const STUDY_COLUMN_ID = 'study-column';

/** Toggle of the study column. */
export function StudyListToggle(): JSX.Element {
  const shown = useStudyListShown();
  return (
    <button
      type="button"
      aria-expanded={shown}
      aria-controls={STUDY_COLUMN_ID}
      aria-keyshortcuts="Control+B Meta+B"
      title={`${shown ? 'Hide' : 'Show'} the study list (Ctrl/Cmd+B)`}
      onClick={toggleStudyList}
      data-testid="study-list-toggle"
      className={`flex shrink-0 items-center gap-1 rounded border px-1.5 py-0.5 text-xs ${shown ? 'border-sky-700 bg-sky-950 text-sky-100' : 'border-zinc-600 text-zinc-200'} hover:bg-zinc-800`}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor">
        <rect x="1.5" y="2.5" width="13" height="11" rx="1" />
        <path d="M5.5 2.5v11" />
        {shown ? <path d="M10.5 6l-2 2 2 2" /> : <path d="M8.5 6l2 2-2 2" />}
      </svg>
      Study list
    </button>
  );
}
