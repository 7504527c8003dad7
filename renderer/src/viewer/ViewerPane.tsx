/**
 * One image pane of the fixed lumbar layout. It shows only real data from the engine; until a study is
 * loaded it says so (the Cornerstone3D viewer plugs in here). Renderer code: no node, no engine.
 */
import type { JSX } from 'react';

export interface ViewerPaneProps {
  /** Pane title, e.g. 'Sagittal T2'. */
  title: string;
  /** What the pane is for, read by screen readers. */
  purpose: string;
  testId: string;
}

/** An empty, labelled viewer pane with its empty state. */
export function ViewerPane({ title, purpose, testId }: ViewerPaneProps): JSX.Element {
  return (
    <section
      aria-label={`${title} viewer`}
      data-testid={testId}
      className="flex min-h-0 min-w-0 flex-col rounded border border-slate-800 bg-black"
    >
      <h2 className="border-b border-slate-800 px-2 py-1 text-xs font-semibold uppercase tracking-wide text-slate-300">
        {title}
      </h2>
      <div className="flex flex-1 flex-col items-center justify-center gap-1 p-4 text-center text-sm text-slate-500">
        <p>No series loaded</p>
        <p className="text-xs">{purpose}</p>
      </div>
    </section>
  );
}
