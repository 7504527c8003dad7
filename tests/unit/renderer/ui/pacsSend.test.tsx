// @vitest-environment happy-dom
// Component tests of Send to PACS (signed: confirmation then SR + PDF, the SOP Instance UIDs shown; unsigned:
// only "Send preliminary" behind a warning; errors in words; no node: the hint) and of Export SR.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisBundle } from '../../../../main/shared/analysis';
import { ExportSrButton } from '../../../../renderer/src/pacs/ExportSrButton';
import { exportSr, srPathBeside } from '../../../../renderer/src/pacs/exportSr';
import { PacsSend } from '../../../../renderer/src/pacs/PacsSend';
import { bundleWith } from './analysisFixture';
import { DIMSE_NODE, WEB_NODE, scriptedBridge, type Scripted } from './pacsBridge';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const unsigned = bundleWith();
const signed: AnalysisBundle = {
  ...unsigned,
  signOff: { analysisId: unsigned.analysis.analysisId, reader: 'Dr Reader', signedAt: '2026-12-06T10:00:00Z' },
};
const SR_UID = '2.25.1111';
const PDF_UID = '2.25.2222';

function withNodes(): Scripted {
  const s = scriptedBridge();
  s.answer('pacsListNodes', { ok: true, value: [WEB_NODE, DIMSE_NODE] });
  return s;
}

async function confirmDialog(buttonName: RegExp): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: buttonName }));
  return screen.getByRole('dialog');
}

describe('PacsSend', () => {
  it('after sign-off sends to the chosen node after a confirmation and lists the stored SOP Instance UIDs', async () => {
    const s = withNodes();
    render(<PacsSend api={s.api} bundle={signed} />);
    const nodeSelect = await screen.findByRole('combobox', { name: 'Send to PACS node' });
    expect(within(nodeSelect).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'web (DICOMweb, STOW-RS)',
      'get (DIMSE, C-STORE)',
    ]);
    fireEvent.change(nodeSelect, { target: { value: 'get' } });
    const dialog = await confirmDialog(/^Send to PACS…$/);
    expect(dialog.getAttribute('aria-label')).toBe('Send to PACS');
    expect(dialog.textContent).toContain('ORTHANC@127.0.0.1:4242');
    expect(dialog.textContent).toContain('Signed by Dr Reader');
    expect(s.calls.some((c) => c.method === 'pacsSend')).toBe(false);
    s.answer('pacsSend', {
      ok: true,
      value: {
        node: 'get',
        protocol: 'C-STORE',
        analysisId: signed.analysis.analysisId,
        preliminary: false,
        documents: [
          { kind: 'sr', sopInstanceUid: SR_UID },
          { kind: 'encapsulated-pdf', sopInstanceUid: PDF_UID },
        ],
      },
    });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Send' })));
    expect(s.calls.at(-1)).toEqual({ method: 'pacsSend', arg: { node: 'get', analysisId: signed.analysis.analysisId } });
    const result = screen.getByTestId('pacs-send-result');
    expect(result.textContent).toContain('Sent DICOM SR and Encapsulated PDF to get over C-STORE.');
    expect(result.textContent).toContain(`DICOM SR: SOP Instance UID ${SR_UID}`);
    expect(result.textContent).toContain(`Encapsulated PDF: SOP Instance UID ${PDF_UID}`);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('before sign-off offers only Send preliminary, warns, and Cancel sends nothing', async () => {
    const s = withNodes();
    render(<PacsSend api={s.api} bundle={unsigned} />);
    expect(await screen.findByRole('button', { name: 'Send preliminary…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send to PACS…' })).toBeNull();
    let dialog = await confirmDialog(/^Send preliminary…$/);
    expect(within(dialog).getByRole('note').textContent).toContain('This analysis is not signed');
    expect(within(dialog).getByRole('note').textContent).toContain('PRELIMINARY');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(s.calls.map((c) => c.method)).toEqual(['pacsListNodes']);
    dialog = await confirmDialog(/^Send preliminary…$/);
    s.answer('pacsSend', {
      ok: true,
      value: { node: 'web', protocol: 'STOW-RS', analysisId: 'x', preliminary: true, documents: [{ kind: 'sr', sopInstanceUid: SR_UID }] },
    });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Send preliminary' })));
    expect(s.calls.at(-1)?.arg).toEqual({ node: 'web', analysisId: unsigned.analysis.analysisId, unsigned: true });
    expect(screen.getByTestId('pacs-send-result').textContent).toContain('as a PRELIMINARY (unsigned) result');
  });

  it('says in plain words why a send failed', async () => {
    const s = withNodes();
    render(<PacsSend api={s.api} bundle={signed} />);
    const dialog = await confirmDialog(/^Send to PACS…$/);
    s.answer('pacsSend', {
      ok: false,
      error: { code: 'PACS_UNREACHABLE', message: 'web (http://127.0.0.1:8042/dicom-web) did not answer: connection refused.' },
    });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Send' })));
    expect(screen.getByRole('alert').textContent).toBe(
      'The send to web failed: web (http://127.0.0.1:8042/dicom-web) did not answer: connection refused.',
    );
    expect(screen.queryByTestId('pacs-send-result')).toBeNull();
  });

  it('with no node configured shows the hint and no send button', async () => {
    const s = scriptedBridge();
    s.answer('pacsListNodes', { ok: true, value: [] });
    render(<PacsSend api={s.api} bundle={signed} />);
    expect((await screen.findByTestId('pacs-no-node')).textContent).toContain('spinegrade pacs add');
    expect(screen.queryByRole('button', { name: /Send/ })).toBeNull();
  });
});

describe('Export SR', () => {
  it('downloads the SR bytes under the suggested name', async () => {
    const s = scriptedBridge();
    const bytes = new Uint8Array(3000).fill(7).buffer;
    s.answer('exportSr', { ok: true, value: { fileName: 'SpineGrade-X.sr.dcm', sopInstanceUid: SR_UID, sr: bytes, savedTo: [] } });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const onNote = vi.fn();
    render(<ExportSrButton api={s.api} analysisId="an-1234" onNote={onNote} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Export SR' })));
    expect(s.calls).toEqual([{ method: 'exportSr', arg: { analysisId: 'an-1234' } }]);
    expect(clicked).toEqual(['SpineGrade-X.sr.dcm']);
    expect(onNote).toHaveBeenCalledWith('Downloaded SpineGrade-X.sr.dcm (DICOM SR, 3 KiB).');
  });

  it('writes beside a PDF the app saved, and names a host that cannot send bytes', async () => {
    expect(srPathBeside('/home/r/SpineGrade-X.pdf')).toBe('/home/r/SpineGrade-X.sr.dcm');
    const s = scriptedBridge();
    s.answer('exportSr', {
      ok: true,
      value: { fileName: 'a.sr.dcm', sopInstanceUid: SR_UID, savedTo: [{ file: '/home/r/SpineGrade-X.sr.dcm', sha256: 'ab' }] },
    });
    expect(await exportSr(s.api, 'an-1234', '/home/r/SpineGrade-X.pdf')).toBe('Saved the DICOM SR to /home/r/SpineGrade-X.sr.dcm.');
    expect(s.calls[0]?.arg).toEqual({ analysisId: 'an-1234', srPath: '/home/r/SpineGrade-X.sr.dcm' });
    s.answer('exportSr', { ok: true, value: { fileName: 'a.sr.dcm', sopInstanceUid: SR_UID, sr: {} as ArrayBuffer, savedTo: [] } });
    expect(await exportSr(s.api, 'an-1234')).toContain('did not arrive as bytes');
    s.answer('exportSr', { ok: false, error: { code: 'NOT_FOUND', message: 'No analysis an-1234.' } });
    expect(await exportSr(s.api, 'an-1234')).toBe('The DICOM SR could not be exported: No analysis an-1234.');
  });
});
