/**
 * The PACS tab beside the study list: node chooser (with a connection test), query form, results, and
 * Retrieve with a progress bar and Cancel; a retrieved study is handed to `onRetrieved` to open. With no
 * node configured it only says how to add one (pacsListNodes, a read of the configuration, is its only call).
 * Renderer code: imports only main/shared, never node or the engine.
 */
import { useMemo, useRef, useState, type JSX } from 'react';
import type { SpineGradeBridge } from '../../../main/shared/apiBridge';
import type { PacsNodeInfo, PacsRetrieveResult } from '../../../main/shared/apiPacs';
import { NoPacsNode } from './NoPacsNode';
import { createPacsActions } from './pacsActions';
import { PacsQueryFormView } from './PacsQueryFormView';
import { PacsResults } from './PacsResults';
import { NodeSelect } from './NodeSelect';
import { usePacsView, type PacsView } from './pacsView';
import { RetrieveProgress } from './RetrieveProgress';
import { usePacsNodes } from './usePacsNodes';

export interface PacsTabProps {
  api: SpineGradeBridge;
  /** Where the tab keeps its state (it survives switching tabs). */
  view: PacsView;
  /** Called after a retrieve was imported (open the study there). */
  onRetrieved: (result: PacsRetrieveResult) => void | Promise<void>;
  /** UIDs of the studies in the local store, to mark results already here. */
  storedUids?: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/** The node select with Echo and the chosen node's address. */
function NodeChooser({
  nodes,
  chosen,
  busy,
  onChoose,
  onEcho,
}: {
  nodes: PacsNodeInfo[];
  chosen: string;
  busy: boolean;
  onChoose: (name: string) => void;
  onEcho: () => void;
}): JSX.Element {
  const address = nodes.find((n) => n.name === chosen)?.address ?? '';
  return (
    <>
      <NodeSelect label="PACS node" nodes={nodes} chosen={chosen} onChoose={onChoose} />
      <div className="flex min-w-0 items-center gap-1">
        <button
          type="button"
          onClick={onEcho}
          disabled={busy}
          title="Check that the node answers (C-ECHO, or a one-study QIDO-RS)"
          className="shrink-0 rounded border border-zinc-600 px-1.5 py-0.5 text-zinc-200 hover:bg-zinc-800 disabled:opacity-50"
        >
          Echo
        </button>
        <span className="truncate text-[10px] text-zinc-400" title={address} data-testid="pacs-node-address">
          {address}
        </span>
      </div>
    </>
  );
}

/** The PACS tab's content. */
export function PacsTab({ api, view, onRetrieved, storedUids = NONE }: PacsTabProps): JSX.Element {
  const [reloadKey, setReloadKey] = useState(0);
  const { nodes, error, chosen, choose } = usePacsNodes(api, reloadKey);
  const opened = useRef(onRetrieved);
  opened.current = onRetrieved;
  const act = useMemo(() => createPacsActions(api, view, (r) => opened.current(r)), [api, view]);
  const { form, searching, results, note, job } = usePacsView(view, (s) => s);

  if (nodes === null) return <p className="text-xs text-zinc-400">Reading the PACS configuration…</p>;
  if (nodes.length === 0) return <NoPacsNode error={error} onReload={() => setReloadKey((k) => k + 1)} />;
  return (
    <div className="flex min-h-0 flex-col gap-2 text-xs" data-testid="pacs-tab">
      <NodeChooser
        nodes={nodes}
        chosen={chosen}
        busy={job !== null}
        onChoose={(name) => {
          choose(name);
          view.update({ results: null, note: '' });
        }}
        onEcho={() => void act.echo(chosen)}
      />
      <PacsQueryFormView
        form={form}
        busy={searching}
        onChange={(f) => view.update({ form: f })}
        onSubmit={() => void act.search(chosen)}
      />
      {job && <RetrieveProgress job={job} onCancel={() => void act.cancel()} />}
      {note && (
        <p role="status" className="break-words text-zinc-300" data-testid="pacs-note">
          {note}
        </p>
      )}
      {results && (
        <PacsResults
          studies={results}
          canRetrieve={job === null}
          storedUids={storedUids}
          onRetrieve={(s) => void act.retrieve(chosen, s)}
        />
      )}
    </div>
  );
}
