/**
 * The findings column: summary, the 5 x 5 grid, the legend, the selected target with its override form,
 * the review row (Override… / Add addendum… of the selected target, sign-off) and PACS send. They scroll
 * inside the column when the window is short; the review row then sticks to the column's bottom, so a
 * reader always sees it. Honest empty states before a study or an analysis. Renderer code: no node, no engine.
 */
import { useState, type JSX } from 'react';
import { CONDITIONS, LEVELS } from '../../../main/shared/targets';
import { PacsSendSection } from '../pacs/PacsSend';
import { actions, useWorkspace } from '../workspace/workspace';
import type { TargetRef } from '../workspace/workspaceStore';
import { FindingsGrid } from './FindingsGrid';
import { FindingsSummary } from './FindingsSummary';
import { GradeLegend } from './GradeLegend';
import { SignOffBar } from './SignOffBar';
import { ReviewButton, TargetDetail } from './TargetDetail';

function EmptyState({ note, canAnalyse }: { note: string; canAnalyse: boolean }): JSX.Element {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-2 overflow-y-auto p-4 text-center text-sm text-zinc-400">
      <p>{note || 'No analysis yet.'}</p>
      {canAnalyse && (
        <button
          type="button"
          onClick={() => void actions.analyzeOpen()}
          className="rounded bg-sky-700 px-3 py-1 text-white hover:bg-sky-600"
        >
          Analyse
        </button>
      )}
      <p className="text-xs">
        After analysis, the {CONDITIONS.length * LEVELS.length} targets ({CONDITIONS.length} conditions ×{' '}
        {LEVELS.length} levels) are graded here, each with its probabilities and key image.
      </p>
    </div>
  );
}

/** Findings panel of the open study. */
export function FindingsPanel(): JSX.Element {
  const open = useWorkspace((s) => s.open);
  const activeTarget = useWorkspace((s) => s.activeTarget);
  const reader = useWorkspace((s) => s.reader);
  const analysing = useWorkspace((s) => s.jobs.some((j) => j.jobId.startsWith('analyze')));
  const [focused, setFocused] = useState<TargetRef | null>(null);
  const [editing, setEditing] = useState(false);
  const bundle = open?.bundle ?? null;
  const target = focused ?? activeTarget;
  return (
    <aside
      aria-label="Findings"
      data-testid="findings-panel"
      className="@container flex min-h-0 w-[clamp(21.5rem,27vw,29rem)] shrink-0 flex-col overflow-hidden rounded border border-zinc-800 bg-zinc-900"
    >
      <h2 className="flex shrink-0 items-center border-b border-zinc-800 px-2 py-1 text-xs font-semibold uppercase tracking-wide text-zinc-300">
        Findings
        {bundle && (
          <span className={`ml-auto normal-case ${bundle.signOff ? 'text-emerald-300' : 'text-amber-300'}`}>
            {bundle.signOff ? 'Signed · locked' : 'Preliminary · not signed'}
          </span>
        )}
      </h2>
      {!bundle ? (
        <EmptyState
          note={analysing ? 'Analysing…' : (open?.analysisNote ?? '')}
          canAnalyse={Boolean(open) && !analysing}
        />
      ) : (
        <div
          data-testid="findings-scroll"
          className="flex min-h-0 flex-1 scroll-pb-12 flex-col gap-2 overflow-y-auto p-2 [scrollbar-width:thin] @max-[26rem]:gap-1.5 @max-[26rem]:p-1.5"
        >
          <FindingsSummary bundle={bundle} />
          <FindingsGrid
            bundle={bundle}
            activeTarget={activeTarget}
            onJump={actions.jumpTo}
            onFocusTarget={setFocused}
          />
          <GradeLegend />
          {target ? (
            <TargetDetail
              bundle={bundle}
              target={target}
              onOverride={actions.overrideTarget}
              editing={editing}
              onCloseEditing={() => setEditing(false)}
            />
          ) : (
            <p className="text-xs text-zinc-400">
              Select a cell (click, or Tab into the grid and use the arrows) to see it on the images and
              review it.
            </p>
          )}
          <div
            role="group"
            aria-label="Review and sign-off"
            className="sticky bottom-0 z-10 -mx-2 flex items-center gap-2 border-t border-zinc-800 bg-zinc-900 px-2 py-1.5 @max-[26rem]:-mx-1.5 @max-[26rem]:px-1.5"
          >
            {target && !editing && (
              <ReviewButton bundle={bundle} target={target} onOpen={() => setEditing(true)} />
            )}
            <SignOffBar signOff={bundle.signOff} reader={reader} onSign={actions.signOpen} />
          </div>
          <PacsSendSection bundle={bundle} />
        </div>
      )}
    </aside>
  );
}
