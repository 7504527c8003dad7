/**
 * The PACS tab beside the study list: node chooser (with a connection test), query form, results, and
 * Retrieve with a progress bar and Cancel; a retrieved study is handed to `onRetrieved` to open. With no
 * node configured it only says how to add one (pacsListNodes is its only call). Renderer code: main/shared only.
 */
import { useState, type JSX } from 'react';
import type { SpineGradeBridge } from '../../../main/shared/apiBridge';
import type { PacsRetrieveResult, PacsStudyInfo } from '../../../main/shared/apiPacs';
import { NoPacsNode } from './NoPacsNode';
import { PacsQueryFormView } from './PacsQueryFormView';
import { PacsResults } from './PacsResults';
import { EMPTY_QUERY_FORM, nodeLabel, personName, queryArg, type PacsQueryForm } from './pacsText';
import { RetrieveProgress, type RetrieveView } from './RetrieveProgress';
import { usePacsNodes } from './usePacsNodes';

export interface PacsTabProps {
  api: SpineGradeBridge;
  /** Called after a retrieve was imported (open the study there). */
  onRetrieved: (result: PacsRetrieveResult) => void | Promise<void>;
  /** UIDs of the studies in the local store, to mark results already here. */
  storedUids?: ReadonlySet<string>;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const NONE: ReadonlySet<string> = new Set();

/** The PACS tab's content. */
export function PacsTab({ api, onRetrieved, storedUids = NONE }: PacsTabProps): JSX.Element {
  const [reloadKey, setReloadKey] = useState(0);
  const { nodes, error, chosen, choose } = usePacsNodes(api, reloadKey);
  const [form, setForm] = useState<PacsQueryForm>(EMPTY_QUERY_FORM);
  const [searching, setSearching] = useState(false);
  const [results, setResults] = useState<PacsStudyInfo[] | null>(null);
  const [note, setNote] = useState('');
  const [job, setJob] = useState<RetrieveView | null>(null);

  if (nodes === null) return <p className="text-xs text-zinc-500">Reading the PACS configuration…</p>;
  if (nodes.length === 0) return <NoPacsNode error={error} onReload={() => setReloadKey((k) => k + 1)} />;

  const search = async (): Promise<void> => {
    setSearching(true);
    setNote('');
    const r = await api.pacsQuery(queryArg(chosen, form)).catch((e: unknown) => ({
      ok: false as const,
      error: { message: message(e) },
    }));
    setSearching(false);
    if (r.ok) setResults(r.value.studies);
    else {
      setResults(null);
      setNote(`The query failed: ${r.error.message}`);
    }
  };

  const echo = async (): Promise<void> => {
    setNote(`Contacting ${chosen}…`);
    const r = await api.pacsEcho({ node: chosen });
    setNote(r.ok ? `${r.value.node} answered (${r.value.protocol}) in ${Math.round(r.value.roundTripMs)} ms.` : r.error.message);
  };

  const retrieve = async (s: PacsStudyInfo): Promise<void> => {
    const jobId = `pacs-retrieve-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const label = `Retrieving ${personName(s.patientName) || s.studyInstanceUid} from ${chosen}`;
    setNote('');
    setJob({ jobId, label, stage: 'starting', done: 0, total: 0, cancelling: false });
    const off = api.onEvent((e) => {
      if (e.type !== 'job-progress' || e.jobId !== jobId) return;
      setJob((j) => (j?.jobId === jobId ? { ...j, stage: e.stage, done: e.done, total: e.total } : j));
    });
    try {
      const r = await api.pacsRetrieve({ node: chosen, studyInstanceUid: s.studyInstanceUid, jobId });
      if (!r.ok) {
        setNote(r.error.code === 'ABORTED' ? 'The retrieve was cancelled; nothing was imported.' : r.error.message);
        return;
      }
      const mb = (r.value.bytes / 1e6).toFixed(1);
      setNote(`Retrieved ${r.value.instanceCount} images (${mb} MB) over ${r.value.protocol}.`);
      await onRetrieved(r.value);
    } catch (e) {
      setNote(`The retrieve failed: ${message(e)}`);
    } finally {
      off();
      setJob(null);
    }
  };

  const cancel = (): void => {
    if (!job) return;
    setJob({ ...job, cancelling: true });
    void api.cancelJob({ jobId: job.jobId });
  };

  return (
    <div className="flex min-h-0 flex-col gap-2 text-xs" data-testid="pacs-tab">
      <div className="flex items-end gap-1">
        <label className="flex min-w-0 flex-1 flex-col gap-0.5 text-[11px] text-zinc-400">
          PACS node
          <select
            value={chosen}
            onChange={(e) => {
              choose(e.target.value);
              setResults(null);
            }}
            className="rounded border border-zinc-700 bg-zinc-950 px-1 py-0.5 text-zinc-100"
          >
            {nodes.map((n) => (
              <option key={n.name} value={n.name} title={n.address}>
                {nodeLabel(n)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => void echo()}
          disabled={job !== null}
          className="rounded border border-zinc-600 px-1.5 py-0.5 text-zinc-200 hover:bg-zinc-800 disabled:opacity-50"
        >
          Test
        </button>
      </div>
      <PacsQueryFormView form={form} busy={searching} onChange={setForm} onSubmit={() => void search()} />
      {job && <RetrieveProgress job={job} onCancel={cancel} />}
      {note && (
        <p role="status" className="text-zinc-300" data-testid="pacs-note">
          {note}
        </p>
      )}
      {results && (
        <PacsResults
          studies={results}
          canRetrieve={job === null}
          storedUids={storedUids}
          onRetrieve={(s) => void retrieve(s)}
        />
      )}
    </div>
  );
}
