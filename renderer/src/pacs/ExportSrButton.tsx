/**
 * "Export SR" beside Save PDF in the print preview: the analysis as a DICOM SR (TID 1500) file.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import { useState, type JSX } from 'react';
import type { SpineGradeBridge } from '../../../main/shared/apiBridge';
import { api as windowApi } from '../api';
import { exportSr } from './exportSr';

export interface ExportSrButtonProps {
  analysisId: string;
  disabled?: boolean;
  /** Where the result text goes (the preview's status line). */
  onNote: (text: string) => void;
  /** A PDF the app wrote: the SR is written beside it (`<name>.sr.dcm`) instead of downloaded. */
  besidePdf?: string;
  api?: Pick<SpineGradeBridge, 'exportSr'>;
}

/** The button; busy while the SR is built. */
export function ExportSrButton({
  analysisId,
  disabled = false,
  onNote,
  besidePdf,
  api = windowApi,
}: ExportSrButtonProps): JSX.Element {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={disabled || busy}
      title="The findings as a DICOM Structured Report (TID 1500) file"
      onClick={() => {
        setBusy(true);
        void exportSr(api, analysisId, besidePdf).then((text) => {
          setBusy(false);
          onNote(text);
        });
      }}
      className="rounded border border-zinc-500 px-3 py-1 text-zinc-100 hover:bg-zinc-800 disabled:opacity-50"
    >
      Export SR
    </button>
  );
}
