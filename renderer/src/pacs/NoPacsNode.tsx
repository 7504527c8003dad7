/**
 * What the PACS views show when no node is configured: how to add one with the CLI (nothing is ever
 * contacted until then). Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import { ADD_NODE_HINT } from './pacsText';

/** The empty state, with the configuration error when the file could not be read. */
export function NoPacsNode({
  error,
  compact = false,
  onReload,
}: {
  error: string;
  compact?: boolean;
  onReload?: () => void;
}): JSX.Element {
  return (
    <div data-testid="pacs-no-node" className="flex flex-col gap-1 text-xs text-zinc-400">
      {error ? (
        <p role="alert" className="text-red-300">
          The PACS configuration could not be read: {error}
        </p>
      ) : (
        <p>No PACS node is configured{compact ? '.' : ', so nothing is contacted. Add one on the command line:'}</p>
      )}
      {!compact && (
        <>
          {ADD_NODE_HINT.map((line) => (
            <code key={line} className="block break-all rounded bg-zinc-900 px-1.5 py-1 text-[10px] text-zinc-300">
              {line}
            </code>
          ))}
          <p>
            <code>spinegrade pacs list</code> shows the nodes; add <code>--store DIR</code> when the app uses another
            store folder.
          </p>
          {onReload && (
            <button
              type="button"
              onClick={onReload}
              className="self-start rounded border border-zinc-600 px-2 py-0.5 text-zinc-200 hover:bg-zinc-800"
            >
              Check again
            </button>
          )}
        </>
      )}
      {compact && <p>Add one with <code>spinegrade pacs add …</code> (see the PACS tab).</p>}
    </div>
  );
}
