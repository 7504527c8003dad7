/**
 * The reader's grade and note for one target. Before sign-off it overrides the AI grade (kept beside it);
 * after sign-off it is stored as an addendum. Renderer code: imports only main/shared.
 */
import { useState, type FormEvent, type JSX } from 'react';
import { SEVERITIES, type Severity } from '../../../main/shared/targets';

export interface OverrideFormProps {
  targetText: string;
  initial: Severity;
  addendum: boolean;
  onSave: (grade: Severity, note: string) => Promise<string | null>;
  onClose: () => void;
}

/** Grade select, note and Save / Cancel. */
export function OverrideForm({
  targetText,
  initial,
  addendum,
  onSave,
  onClose,
}: OverrideFormProps): JSX.Element {
  const [grade, setGrade] = useState<Severity>(initial);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const err = await onSave(grade, note.trim());
    setBusy(false);
    if (err) setError(err);
    else onClose();
  };
  return (
    <form
      aria-label={addendum ? `Addendum for ${targetText}` : `Override ${targetText}`}
      onSubmit={(e) => void submit(e)}
      className="flex flex-col gap-1.5 rounded border border-sky-800 bg-zinc-900 p-2 text-xs"
    >
      <p className="font-semibold text-sky-200">
        {addendum ? 'Addendum (the analysis is signed)' : 'Reader override'}: {targetText}
      </p>
      <label className="flex items-center gap-2">
        <span className="w-20 text-zinc-400">Reader grade</span>
        <select
          autoFocus
          value={grade}
          onChange={(e) => setGrade(e.target.value as Severity)}
          className="flex-1 rounded border border-zinc-600 bg-zinc-950 px-1 py-0.5"
        >
          {SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="flex items-start gap-2">
        <span className="w-20 pt-0.5 text-zinc-400">Note</span>
        <textarea
          value={note}
          maxLength={2000}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
          className="flex-1 rounded border border-zinc-600 bg-zinc-950 px-1 py-0.5"
        />
      </label>
      {error && (
        <p role="alert" className="text-red-300">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button
          type="button"
          onClick={onClose}
          className="rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800"
        >
          Cancel
        </button>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-sky-700 px-2 py-0.5 font-semibold text-white hover:bg-sky-600 disabled:opacity-50"
        >
          {addendum ? 'Save addendum' : 'Save override'}
        </button>
      </div>
    </form>
  );
}
