/**
 * Print preview of the engine's summary (the same document as `export`) in a sandboxed iframe, paper
 * A4 or Letter; Print goes through printReport (audited): the app opens the system print dialog, the
 * browser prints the iframe. Save PDF beside it. Renderer code: imports only main/shared.
 */
import { useEffect, useRef, useState, type JSX } from 'react';
import { api } from '../api';
import { Modal } from './Modal';
import { ExportSrButton } from '../pacs/ExportSrButton';
import { savePdf } from './savePdf';

type Paper = 'A4' | 'Letter';

/** The preview dialog of one analysis. */
export function PrintPreview({
  analysisId,
  onClose,
}: {
  analysisId: string;
  onClose: () => void;
}): JSX.Element {
  const [paper, setPaper] = useState<Paper>('A4');
  const [html, setHtml] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    let live = true;
    setHtml(null);
    api.getReport({ analysisId, paper }).then(
      (r) =>
        live && (r.ok ? setHtml(r.value.html) : setNote(`The summary could not be made: ${r.error.message}`)),
      (e: unknown) => live && setNote(String(e)),
    );
    return () => {
      live = false;
    };
  }, [analysisId, paper]);
  const print = async (): Promise<void> => {
    setBusy(true);
    const r = await api.printReport({ analysisId, paper });
    setBusy(false);
    if (!r.ok) return setNote(`Printing failed: ${r.error.message}`);
    if (r.value.printedBy === 'system-dialog') return setNote('Sent to the system print dialog.');
    frame.current?.contentWindow?.print();
    printButton.current?.focus();
    setNote('Opened the browser’s print dialog.');
  };
  const pdf = async (): Promise<void> => {
    setBusy(true);
    setNote('Making the PDF…');
    setNote(await savePdf(api, analysisId, paper));
    setBusy(false);
  };
  return (
    <Modal title="Print preview" onClose={onClose} size="w-[min(62rem,95vw)] h-[calc(100vh-4rem)]">
      <div className="flex h-full flex-col gap-2">
        <div className="flex items-center gap-3 text-xs">
          <label className="flex items-center gap-1">
            Paper
            <select
              value={paper}
              onChange={(e) => setPaper(e.target.value as Paper)}
              className="rounded border border-zinc-600 bg-zinc-950 px-1 py-0.5"
            >
              <option>A4</option>
              <option>Letter</option>
            </select>
          </label>
          <span role="status" className="text-zinc-400">
            {note}
          </span>
          <button
            type="button"
            disabled={busy || html === null}
            onClick={() => void pdf()}
            className="ml-auto rounded border border-zinc-500 px-3 py-1 text-zinc-100 hover:bg-zinc-800 disabled:opacity-50"
          >
            Save PDF
          </button>
          <ExportSrButton analysisId={analysisId} disabled={busy || html === null} onNote={setNote} />
          <button
            type="button"
            disabled={busy || html === null}
            onClick={() => void print()}
            className="rounded bg-sky-700 px-3 py-1 font-semibold text-white hover:bg-sky-600 disabled:opacity-50"
          >
            Print…
          </button>
        </div>
        {html === null ? (
          <p className="text-sm text-zinc-400">{note || 'Preparing the summary…'}</p>
        ) : (
          <iframe
            ref={frame}
            title="Summary to print"
            sandbox="allow-same-origin allow-modals"
            srcDoc={html}
            className="min-h-0 flex-1 rounded bg-white"
          />
        )}
      </div>
    </Modal>
  );
}
