// @vitest-environment happy-dom
// Component tests of the PACS tab: no node (how to add one, no other call), query keys from the form, the
// results table, Retrieve with progress from job events and Cancel, errors in words, state across remounts.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PacsRetrieveResult } from '../../../../main/shared/apiPacs';
import type { Result } from '../../../../main/shared/errors';
import type { SpineGradeBridge } from '../../../../main/shared/apiBridge';
import { PacsTab } from '../../../../renderer/src/pacs/PacsTab';
import { PacsView } from '../../../../renderer/src/pacs/pacsView';
import { SideTabs } from '../../../../renderer/src/pacs/SideTabs';
import { DIMSE_NODE, STUDY, WEB_NODE, scriptedBridge, type Scripted } from './pacsBridge';

afterEach(cleanup);

const RETRIEVED: PacsRetrieveResult = {
  studyInstanceUid: STUDY.studyInstanceUid,
  node: 'web',
  protocol: 'WADO-RS',
  folder: '/store/pacs-retrieved/1.2.826.0.1.3680043.8.498.1',
  instanceCount: 63,
  bytes: 8_400_000,
  transferMs: 900,
  studies: [],
  problems: [],
};

function mount(s: Scripted, view = new PacsView(), onRetrieved = vi.fn()): { view: PacsView; onRetrieved: typeof onRetrieved } {
  render(<PacsTab api={s.api as SpineGradeBridge} view={view} onRetrieved={onRetrieved} />);
  return { view, onRetrieved };
}

function withNodes(): Scripted {
  const s = scriptedBridge();
  s.answer('pacsListNodes', { ok: true, value: [WEB_NODE, DIMSE_NODE] });
  return s;
}

async function searchFor(s: Scripted): Promise<void> {
  s.answer('pacsQuery', { ok: true, value: { studies: [STUDY] } });
  fireEvent.click(await screen.findByRole('button', { name: 'Search PACS' }));
  await screen.findByRole('table', { name: 'PACS studies' });
}

describe('PacsTab', () => {
  it('with no node says how to add one with the CLI and makes no other call', async () => {
    const s = scriptedBridge();
    s.answer('pacsListNodes', { ok: true, value: [] });
    mount(s);
    const empty = await screen.findByTestId('pacs-no-node');
    expect(empty.textContent).toContain('No PACS node is configured, so nothing is contacted');
    expect(empty.textContent).toContain('spinegrade pacs add NAME --dicomweb URL');
    expect(empty.textContent).toContain('spinegrade pacs add NAME --dimse HOST:PORT --aet CALLED_AET');
    expect(screen.queryByRole('button', { name: 'Search PACS' })).toBeNull();
    expect(s.calls.map((c) => c.method)).toEqual(['pacsListNodes']);
    s.answer('pacsListNodes', { ok: true, value: [WEB_NODE] });
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByRole('button', { name: 'Search PACS' })).toBeTruthy();
  });

  it('names a configuration that cannot be read', async () => {
    const s = scriptedBridge();
    s.answer('pacsListNodes', { ok: false, error: { code: 'STORE_ERROR', message: 'pacs-nodes.json is not JSON' } });
    mount(s);
    expect((await screen.findByRole('alert')).textContent).toContain('pacs-nodes.json is not JSON');
  });

  it('queries the chosen node with the form keys and lists the studies', async () => {
    const s = withNodes();
    mount(s);
    const nodeSelect = await screen.findByRole('combobox', { name: 'PACS node' });
    expect(within(nodeSelect).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'web (DICOMweb, WADO-RS)',
      'get (DIMSE, C-GET)',
    ]);
    fireEvent.change(nodeSelect, { target: { value: 'get' } });
    fireEvent.change(screen.getByLabelText('Patient ID'), { target: { value: ' PHANTOM-7 ' } });
    fireEvent.change(screen.getByLabelText('Patient name'), { target: { value: 'PHANTOM' } });
    fireEvent.change(screen.getByLabelText('Study date from'), { target: { value: '2024-01-01' } });
    fireEvent.change(screen.getByLabelText('Study date to'), { target: { value: '2024-01-31' } });
    fireEvent.change(screen.getByLabelText('Accession number'), { target: { value: 'ACC77' } });
    await searchFor(s);
    expect(s.calls.find((c) => c.method === 'pacsQuery')?.arg).toEqual({
      node: 'get',
      patientId: 'PHANTOM-7',
      patientName: 'PHANTOM*',
      studyDate: '20240101-20240131',
      accessionNumber: 'ACC77',
      modality: 'MR',
    });
    const row = screen.getByRole('table', { name: 'PACS studies' }).querySelector(`[data-study-uid="${STUDY.studyInstanceUid}"]`);
    expect(row?.textContent).toContain('PHANTOM SEVEN');
    expect(row?.textContent).toContain('ID PHANTOM-7');
    expect(row?.textContent).toContain('3 series');
    expect(row?.textContent).toContain('Sagittal T2, Sagittal T1, Axial T2');
  });

  it('says when nothing matches and when the query fails', async () => {
    const s = withNodes();
    mount(s);
    s.answer('pacsQuery', { ok: true, value: { studies: [] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Search PACS' }));
    expect((await screen.findByTestId('pacs-no-results')).textContent).toBe('No study on the PACS matches.');
    s.answer('pacsQuery', { ok: false, error: { code: 'PACS_REFUSED', message: 'web answered 401: check the user and password.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search PACS' }));
    expect((await screen.findByTestId('pacs-note')).textContent).toBe(
      'The query of web failed: web answered 401: check the user and password.',
    );
    expect(screen.queryByTestId('pacs-no-results')).toBeNull();
  });

  it('echoes the chosen node', async () => {
    const s = withNodes();
    mount(s);
    s.answer('pacsEcho', { ok: true, value: { node: 'web', protocol: 'QIDO-RS', roundTripMs: 12.4 } });
    fireEvent.click(await screen.findByRole('button', { name: 'Echo' }));
    expect((await screen.findByText(/answered/)).textContent).toBe('web answered (QIDO-RS) in 12 ms.');
    expect(s.calls.at(-1)).toEqual({ method: 'pacsEcho', arg: { node: 'web' } });
  });

  it('retrieves with a progress bar fed by job events, then hands the import over', async () => {
    const s = withNodes();
    const { onRetrieved } = mount(s);
    await searchFor(s);
    let settle: (r: Result<PacsRetrieveResult>) => void = () => {};
    s.answer('pacsRetrieve', new Promise((r) => (settle = r)));
    fireEvent.click(screen.getByRole('button', { name: 'Retrieve PHANTOM SEVEN 2024-01-15' }));
    const arg = s.calls.find((c) => c.method === 'pacsRetrieve')?.arg as { jobId: string };
    expect(arg).toMatchObject({ node: 'web', studyInstanceUid: STUDY.studyInstanceUid });
    expect(arg.jobId).toMatch(/^pacs-retrieve-/);
    const bar = screen.getByRole('progressbar', { name: 'Retrieve progress' }) as HTMLProgressElement;
    expect(screen.getByRole('button', { name: /Retrieve PHANTOM/ }).hasAttribute('disabled')).toBe(true);
    act(() => {
      s.emit({ type: 'job-progress', jobId: arg.jobId, method: 'pacsRetrieve', stage: 'retrieve', done: 21, total: 63 });
      s.emit({ type: 'job-progress', jobId: 'someone-else', method: 'importStudy', stage: 'import', done: 9, total: 9 });
    });
    expect(bar.value).toBe(21);
    expect(bar.max).toBe(63);
    expect(screen.getByTestId('pacs-retrieve-stage').textContent).toBe('instances received 21/63');
    await act(async () => settle({ ok: true, value: RETRIEVED }));
    expect(onRetrieved).toHaveBeenCalledWith(RETRIEVED);
    expect(screen.queryByTestId('pacs-retrieve')).toBeNull();
    expect(screen.getByTestId('pacs-note').textContent).toBe('Retrieved 63 images (8.4 MB) over WADO-RS; opening the study.');
    expect(s.listeners()).toBe(0);
  });

  it('cancels a running retrieve: cancelJob with its id, nothing handed over', async () => {
    const s = withNodes();
    const { onRetrieved } = mount(s);
    await searchFor(s);
    let settle: (r: Result<PacsRetrieveResult>) => void = () => {};
    s.answer('pacsRetrieve', new Promise((r) => (settle = r)));
    fireEvent.click(screen.getByRole('button', { name: /Retrieve PHANTOM/ }));
    const { jobId } = s.calls.find((c) => c.method === 'pacsRetrieve')?.arg as { jobId: string };
    s.answer('cancelJob', { ok: true, value: { cancelled: true } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel retrieve' }));
    expect(s.calls.at(-1)).toEqual({ method: 'cancelJob', arg: { jobId } });
    expect(screen.getByRole('button', { name: 'Cancelling…' }).hasAttribute('disabled')).toBe(true);
    await act(async () => settle({ ok: false, error: { code: 'ABORTED', message: 'cancelled' } }));
    expect(screen.getByTestId('pacs-note').textContent).toBe('The retrieve was cancelled; nothing was imported.');
    expect(onRetrieved).not.toHaveBeenCalled();
  });

  it('keeps results and the running retrieve when the tab is left and shown again', async () => {
    const s = withNodes();
    const { view } = mount(s);
    await searchFor(s);
    s.answer('pacsRetrieve', new Promise(() => {}));
    fireEvent.click(screen.getByRole('button', { name: /Retrieve PHANTOM/ }));
    cleanup();
    render(<SideTabs view={view} />);
    expect(screen.getByRole('tab', { name: 'Studies' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: /PACS \(retrieving\)/ })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('tablist', { name: 'Study source' }), { key: 'ArrowRight' });
    expect(view.getState().tab).toBe('pacs');
    cleanup();
    s.answer('pacsListNodes', { ok: true, value: [WEB_NODE] });
    mount(s, view);
    expect(await screen.findByRole('table', { name: 'PACS studies' })).toBeTruthy();
    expect(screen.getByTestId('pacs-retrieve')).toBeTruthy();
  });
});
