/**
 * The selected target under the grid: grades (reader and AI), exact probabilities, reasons, the reader's
 * notes and addenda, and the override (or addendum) form while one is open (its button, ReviewButton, sits
 * in the findings column's review row). Renderer code: imports only main/shared.
 */
import type { JSX } from 'react';
import type { AnalysisBundle } from '../../../main/shared/analysis';
import { levelDisplay, SEVERITIES, type Severity } from '../../../main/shared/targets';
import type { TargetRef } from '../workspace/workspaceStore';
import { cellModel, conditionWords, percent } from './cellModel';
import { GRADE_STYLES } from './gradeStyle';
import { OverrideForm } from './OverrideForm';
import { formatDateTime } from './dateTime';

export interface TargetDetailProps {
  bundle: AnalysisBundle;
  target: TargetRef;
  onOverride: (target: TargetRef, grade: Severity, note: string) => Promise<string | null>;
  /** The override form is open. */
  editing: boolean;
  onCloseEditing: () => void;
}

/** The target's words, e.g. "L4/L5 left subarticular stenosis". */
export function targetText(target: TargetRef): string {
  return `${levelDisplay(target.level)} ${conditionWords(target.condition)}`;
}

/** "Override…" before sign-off, "Add addendum…" after it: opens the form of the selected target. */
export function ReviewButton({
  bundle,
  target,
  onOpen,
}: {
  bundle: AnalysisBundle;
  target: TargetRef;
  onOpen: () => void;
}): JSX.Element {
  const signed = bundle.signOff !== null;
  return (
    <button
      type="button"
      onClick={onOpen}
      title={`${signed ? 'Add an addendum to' : 'Override the AI grade of'} ${targetText(target)}`}
      className="shrink-0 rounded border border-sky-700 px-2 py-0.5 text-xs text-sky-200 hover:bg-sky-900"
    >
      {signed ? 'Add addendum…' : 'Override…'}
    </button>
  );
}

/** Detail and review of one target. */
export function TargetDetail({
  bundle,
  target,
  onOverride,
  editing,
  onCloseEditing,
}: TargetDetailProps): JSX.Element {
  const cell = cellModel(bundle, target.condition, target.level);
  const text = targetText(target);
  const signed = bundle.signOff !== null;
  const p = cell.finding?.probabilities;
  return (
    <section
      aria-label="Selected target"
      data-testid="target-detail"
      className="flex flex-col gap-1 rounded border border-zinc-800 bg-zinc-950/60 p-2 text-xs"
    >
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="font-semibold text-zinc-100">{text}</h3>
        <span className={GRADE_STYLES[cell.displayed].text}>{cell.displayed}</span>
      </div>
      <p className="text-zinc-400">
        AI: <span className="text-zinc-200">{cell.aiGrade ?? 'not assessable'}</span>
        {p && (
          <span className="tabular-nums">
            {' '}
            ({SEVERITIES.map((s, i) => `${s} ${percent(p[i])}`).join(' · ')})
          </span>
        )}
      </p>
      {cell.override && (
        <p className="text-sky-200">
          Reader {cell.override.reader}: {cell.override.grade}
          {cell.override.note ? ` — “${cell.override.note}”` : ''}
        </p>
      )}
      {cell.addenda.map((a, i) => (
        <p key={i} className="text-sky-300">
          Addendum ({formatDateTime(a.createdAt)}) by {a.reader}: {a.grade}
          {a.note ? ` — “${a.note}”` : ''}
        </p>
      ))}
      {cell.uncertainReason && <p className="text-amber-200">Uncertain: {cell.uncertainReason}</p>}
      {cell.notAssessableReason && (
        <p className="text-zinc-300">Not assessable: {cell.notAssessableReason}</p>
      )}
      {editing && (
        <OverrideForm
          key={`${target.condition}-${target.level}`}
          targetText={text}
          initial={cell.displayed === 'Not assessable' ? 'Normal/Mild' : cell.displayed}
          addendum={signed}
          onSave={(grade, note) => onOverride(target, grade, note)}
          onClose={onCloseEditing}
        />
      )}
    </section>
  );
}
