/**
 * "Send to PACS" in the review panel: after sign-off the DICOM SR and the Encapsulated PDF go to a chosen
 * node after a confirmation; before sign-off only "Send preliminary" (both documents marked so). Shows the
 * SOP Instance UIDs the node stored, or why not in plain words. Renderer code: imports only main/shared.
 */
import { useEffect, useState, type JSX } from 'react';
import type { AnalysisBundle } from '../../../main/shared/analysis';
import type { SpineGradeBridge } from '../../../main/shared/apiBridge';
import type { PacsNodeInfo, PacsSendResult } from '../../../main/shared/apiPacs';
import { api as windowApi } from '../api';
import { Modal } from '../components/Modal';
import { NoPacsNode } from './NoPacsNode';
import { NodeSelect } from './NodeSelect';
import { sentText } from './pacsText';
import { usePacsNodes } from './usePacsNodes';

export interface PacsSendProps {
  api: Pick<SpineGradeBridge, 'pacsListNodes' | 'pacsSend'>;
  bundle: AnalysisBundle;
}

type Outcome = { ok: true; value: PacsSendResult } | { ok: false; message: string } | null;

const button = 'rounded border px-2 py-0.5 font-semibold disabled:opacity-50';

function OutcomeView({ outcome }: { outcome: Outcome }): JSX.Element | null {
  if (!outcome) return null;
  if (!outcome.ok)
    return (
      <p role="alert" className="w-full text-red-300" data-testid="pacs-send-error">
        {outcome.message}
      </p>
    );
  return (
    <div role="status" className="w-full text-emerald-200" data-testid="pacs-send-result">
      <p>{sentText(outcome.value)}</p>
      <ul className="mt-0.5 text-[10px] text-zinc-400">
        {outcome.value.documents.map((d) => (
          <li key={d.sopInstanceUid} className="break-all">
            {d.kind === 'sr' ? 'DICOM SR' : 'Encapsulated PDF'}: SOP Instance UID{' '}
            <span className="font-mono text-zinc-300">{d.sopInstanceUid}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The confirmation of a send: node, address, protocol; the preliminary warning before sign-off. */
function ConfirmSend({
  node,
  signedBy,
  onCancel,
  onSend,
}: {
  node: PacsNodeInfo;
  signedBy: string | null;
  onCancel: () => void;
  onSend: () => void;
}): JSX.Element {
  const signed = signedBy !== null;
  return (
    <Modal title={signed ? 'Send to PACS' : 'Send a preliminary result'} onClose={onCancel}>
      <div className="flex flex-col gap-2 text-sm">
        <p>
          Send the DICOM SR and the Encapsulated PDF of this analysis to <strong>{node.name}</strong> (
          <span className="break-all">{node.address}</span>, {node.send})?
        </p>
        {signed ? (
          <p className="text-zinc-400">Signed by {signedBy}; the PACS stores both in the patient’s study.</p>
        ) : (
          <p role="note" className="rounded border border-amber-700 bg-amber-950/50 p-2 text-amber-200">
            This analysis is not signed. Both documents will be marked PRELIMINARY (the SR as UNVERIFIED), and the
            signed result has to be sent again after sign-off.
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onCancel} className={`${button} border-zinc-600 text-zinc-200`}>
            Cancel
          </button>
          <button type="button" onClick={onSend} className={`${button} border-sky-700 bg-sky-700 text-white`}>
            {signed ? 'Send' : 'Send preliminary'}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** The send section of one analysis. */
export function PacsSend({ api, bundle }: PacsSendProps): JSX.Element | null {
  const { nodes, error, chosen, choose } = usePacsNodes(api);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const { analysisId } = bundle.analysis;
  const signed = bundle.signOff !== null;
  useEffect(() => setOutcome(null), [analysisId, signed]);
  if (nodes === null) return null;
  if (nodes.length === 0)
    return (
      <section aria-label="Send to PACS" className="text-xs">
        <NoPacsNode error={error} compact />
      </section>
    );
  const node = nodes.find((n) => n.name === chosen);
  const send = async (): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    const r = await api
      .pacsSend({ node: chosen, analysisId, ...(signed ? {} : { unsigned: true }) })
      .catch((e: unknown) => ({ ok: false as const, error: { message: e instanceof Error ? e.message : String(e) } }));
    setBusy(false);
    setOutcome(r.ok ? r : { ok: false, message: `The send to ${chosen} failed: ${r.error.message}` });
  };
  return (
    <section aria-label="Send to PACS" className="flex flex-wrap items-end gap-1.5 text-xs" data-testid="pacs-send">
      <NodeSelect
        label="Send to PACS node"
        nodes={nodes}
        chosen={chosen}
        forSend
        grow
        disabled={busy}
        onChoose={(name) => {
          choose(name);
          setOutcome(null);
        }}
      />
      <button
        type="button"
        disabled={busy || !node}
        onClick={() => setConfirming(true)}
        className={`${button} ${signed ? 'border-sky-700 bg-sky-800 text-white hover:bg-sky-700' : 'border-amber-700 text-amber-200 hover:bg-amber-950'}`}
      >
        {busy ? 'Sending…' : signed ? 'Send to PACS…' : 'Send preliminary…'}
      </button>
      <OutcomeView outcome={outcome} />
      {confirming && node && (
        <ConfirmSend
          node={node}
          signedBy={bundle.signOff?.reader ?? null}
          onCancel={() => setConfirming(false)}
          onSend={() => void send()}
        />
      )}
    </section>
  );
}

/** The section bound to this window's API (what the findings panel shows under sign-off). */
export function PacsSendSection({ bundle }: { bundle: AnalysisBundle }): JSX.Element | null {
  return <PacsSend api={windowApi} bundle={bundle} />;
}
