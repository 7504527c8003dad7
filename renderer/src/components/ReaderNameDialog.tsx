/**
 * Asks the reader's name once per session (remembered in sessionStorage) before the first override or
 * sign-off. Renderer code: imports only main/shared, never node or the engine.
 */
import { useState, type JSX } from 'react';
import { actions, useWorkspace } from '../workspace/workspace';
import { Modal } from './Modal';

/** The dialog, shown while the workspace waits for a name. */
export function ReaderNameDialog(): JSX.Element | null {
  const open = useWorkspace((s) => s.readerPromptOpen);
  const [name, setName] = useState('');
  if (!open) return null;
  return (
    <Modal title="Reader name" onClose={() => actions.answerReader(null)}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          actions.answerReader(name);
        }}
        className="flex flex-col gap-2 text-sm"
      >
        <p className="text-xs text-zinc-400">
          Overrides and the sign-off are stored and audited under this name. It is asked once per session.
        </p>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-300">Your name</span>
          <input
            autoFocus
            required
            maxLength={128}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="rounded border border-zinc-600 bg-zinc-950 px-2 py-1"
          />
        </label>
        <button
          type="submit"
          disabled={!name.trim()}
          className="self-end rounded bg-sky-700 px-3 py-1 font-semibold text-white hover:bg-sky-600 disabled:opacity-50"
        >
          Continue
        </button>
      </form>
    </Modal>
  );
}
