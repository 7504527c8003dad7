/**
 * Sign-off of the open analysis: "Not signed" with the Sign off button, or the signer, time and the lock
 * (later changes are addenda). Renderer code: imports only main/shared.
 */
import { useState, type JSX } from 'react';
import type { SignOff } from '../../../main/shared/analysis';
import { formatDateTime } from './dateTime';

export interface SignOffBarProps {
  signOff: SignOff | null;
  reader: string;
  onSign: () => Promise<string | null>;
}

/** Sign-off status and action. */
export function SignOffBar({ signOff, reader, onSign }: SignOffBarProps): JSX.Element {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (signOff)
    return (
      <div
        data-testid="sign-off"
        data-locked="true"
        className="flex min-w-0 flex-1 items-center gap-2 rounded border border-emerald-800 bg-emerald-950/50 px-2 py-1 text-xs text-emerald-200"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0 fill-current">
          <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
        </svg>
        <span>
          Signed by <strong>{signOff.reader}</strong> {formatDateTime(signOff.signedAt)} — locked; changes are
          stored as addenda.
        </span>
      </div>
    );
  return (
    <div
      data-testid="sign-off"
      data-locked="false"
      className="flex min-w-0 flex-1 flex-wrap items-center gap-2 text-xs"
    >
      <span className="font-semibold text-amber-300">Not signed</span>
      {reader && <span className="text-zinc-400">Reading as {reader}</span>}
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void onSign().then((err) => {
            setBusy(false);
            setError(err ?? '');
          });
        }}
        className="ml-auto rounded bg-emerald-700 px-2 py-0.5 font-semibold text-white hover:bg-emerald-600 disabled:opacity-50"
      >
        Sign off…
      </button>
      {error && (
        <p role="alert" className="w-full text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
