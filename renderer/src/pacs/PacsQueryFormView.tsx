/**
 * The PACS query form: patient name (prefix match), patient ID, study date range, accession, modality.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import type { PacsQueryForm } from './pacsText';

export interface PacsQueryFormProps {
  form: PacsQueryForm;
  busy: boolean;
  onChange: (form: PacsQueryForm) => void;
  onSubmit: () => void;
}

const FIELDS: Array<{ key: keyof PacsQueryForm; label: string; type: 'text' | 'date'; placeholder?: string }> = [
  { key: 'patientName', label: 'Patient name', type: 'text', placeholder: 'DOE^J (prefix)' },
  { key: 'patientId', label: 'Patient ID', type: 'text' },
  { key: 'dateFrom', label: 'Study date from', type: 'date' },
  { key: 'dateTo', label: 'Study date to', type: 'date' },
  { key: 'accessionNumber', label: 'Accession number', type: 'text' },
  { key: 'modality', label: 'Modality', type: 'text', placeholder: 'MR (empty: any)' },
];

/** The form; Enter or the button searches. */
export function PacsQueryFormView({ form, busy, onChange, onSubmit }: PacsQueryFormProps): JSX.Element {
  return (
    <form
      aria-label="PACS query"
      className="flex flex-col gap-1 text-xs"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {FIELDS.map((f) => (
        <label key={f.key} className="flex flex-col gap-0.5 text-[11px] text-zinc-400">
          {f.label}
          <input
            type={f.type}
            value={form[f.key]}
            maxLength={64}
            placeholder={f.placeholder}
            onChange={(e) => onChange({ ...form, [f.key]: e.target.value })}
            className="rounded border border-zinc-700 bg-zinc-950 px-1.5 py-0.5 text-zinc-100"
          />
        </label>
      ))}
      <button
        type="submit"
        disabled={busy}
        className="mt-1 rounded bg-sky-700 px-2 py-1 font-semibold text-white hover:bg-sky-800 disabled:opacity-50"
      >
        {busy ? 'Searching…' : 'Search PACS'}
      </button>
    </form>
  );
}
