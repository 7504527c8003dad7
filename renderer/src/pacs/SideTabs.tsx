/**
 * The "Studies | PACS" switch at the top of the study column, and the hook that says which tab shows.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import { pacsView, usePacsView, type PacsView, type SideTab } from './pacsView';

const TABS: Array<{ id: SideTab; label: string }> = [
  { id: 'studies', label: 'Studies' },
  { id: 'pacs', label: 'PACS' },
];

/** The tab the study column shows. */
export function useSideTab(view: PacsView = pacsView): SideTab {
  return usePacsView(view, (s) => s.tab);
}

/** Two tabs; the arrow keys move between them (WAI-ARIA tabs pattern, automatic activation). */
export function SideTabs({ view = pacsView }: { view?: PacsView }): JSX.Element {
  const tab = useSideTab(view);
  const retrieving = usePacsView(view, (s) => s.job !== null);
  const select = (id: SideTab): void => view.update({ tab: id });
  return (
    <div
      role="tablist"
      aria-label="Study source"
      className="flex shrink-0 gap-1 border-b border-zinc-800 text-xs"
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        const next = TABS[(TABS.findIndex((t) => t.id === tab) + 1) % TABS.length];
        if (next) select(next.id);
      }}
    >
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`side-tab-${t.id}`}
          aria-selected={t.id === tab}
          tabIndex={t.id === tab ? 0 : -1}
          onClick={() => select(t.id)}
          className={`-mb-px border-b-2 px-2 py-0.5 font-semibold uppercase tracking-wide ${
            t.id === tab ? 'border-sky-500 text-zinc-100' : 'border-transparent text-zinc-400 hover:text-zinc-200'
          }`}
        >
          {t.label}
          {t.id === 'pacs' && retrieving && t.id !== tab && (
            <>
              <span className="sr-only"> (retrieving)</span>
              <span aria-hidden="true" className="ml-1 inline-block h-1.5 w-1.5 rounded-full bg-sky-400" />
            </>
          )}
        </button>
      ))}
    </div>
  );
}
