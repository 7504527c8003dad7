// The PACS tab, Send to PACS and Export SR through the UI against a real Orthanc started on loopback ports with
// temporary folders: no node -> how to add one; a node added by `spinegrade pacs add` -> query, retrieve (25 cells),
// sign-off, send (SR + Encapsulated PDF checked in Orthanc over REST), Export SR download.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { pacsConfigPath } from '../../main/engine/pacs/nodeConfig';
import { COMPREHENSIVE_SR_STORAGE } from '../../main/engine/report/sr/srDocument';
import {
  ORTHANC_PASSWORD,
  ORTHANC_USER,
  freePort,
  orthancSkipReason,
  startOrthanc,
  type OrthancServer,
} from '../integration/pacs/orthanc';
import { naturalHeader, orthancJson, orthancStudyInstances, seedOrthanc, writeStudy } from '../integration/pacs/seed';
import { hostUrl } from './hostUrl';
import { screenshot, startOwnHost, type OwnHost } from './workspaceHelpers';

test.use({ viewport: { width: 1600, height: 900 } });

const root = path.resolve(__dirname, '..', '..');
const ENCAPSULATED_PDF = '1.2.840.10008.5.1.4.1.1.104.1';

if (orthancSkipReason) console.warn(`PACS e2e tests skipped: ${orthancSkipReason}`);

/** `spinegrade ARGS` through tsx; throws with its output when it fails. */
function spinegrade(args: string[]): string {
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['main/cli/index.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`spinegrade ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** axe-core violations of impact serious or critical on the page as it is now. */
async function seriousViolations(page: Page, scope: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include(scope).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join(', ')}`);
}

async function openPacsTab(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'PACS' }).click();
  await expect(page.getByRole('tab', { name: 'PACS' })).toHaveAttribute('aria-selected', 'true');
}

test('with no node configured the PACS tab says how to add one and nothing is contacted', async ({ page }) => {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(hostUrl());
  await openPacsTab(page);
  const empty = page.getByTestId('pacs-no-node');
  await expect(empty).toContainText('No PACS node is configured, so nothing is contacted');
  await expect(empty).toContainText('spinegrade pacs add NAME --dicomweb URL');
  await expect(empty).toContainText('spinegrade pacs add NAME --dimse HOST:PORT');
  await expect(page.getByRole('button', { name: 'Search PACS' })).toHaveCount(0);
  expect(await seriousViolations(page, '[data-testid="pacs-panel"]')).toEqual([]);
  const store = process.env.SPINEGRADE_E2E_STORE ?? '';
  expect(store).not.toBe('');
  expect(existsSync(pacsConfigPath(store)), 'listing nodes wrote a configuration').toBe(false);
  const api = urls.filter((u) => u.includes('/api/pacs'));
  expect(api.map((u) => new URL(u).pathname)).toEqual(['/api/pacsListNodes']);
  const local = (u: string): boolean => u.startsWith('http://127.0.0.1:') || /^(blob|data):/.test(u);
  expect(urls.filter((u) => !local(u))).toEqual([]);
  await page.getByRole('tab', { name: 'Studies' }).click();
  await expect(page.getByLabel('Study folder', { exact: true })).toBeVisible();
});

test.describe('with a DICOMweb node on a real Orthanc', () => {
  test.skip(orthancSkipReason !== undefined, orthancSkipReason ?? '');
  let orthanc: OrthancServer | undefined;
  let host: OwnHost | undefined;
  let dir = '';
  let studyUid = '';
  let patientId = '';

  test.beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-e2e-pacs-'));
    const files = writeStudy(path.join(dir, 'study'), { seed: 'e2e-pacs', studyIndex: 3 });
    const h = naturalHeader(files[0] ?? '');
    studyUid = String(h.StudyInstanceUID);
    patientId = String(h.PatientID);
    orthanc = await startOrthanc({ client: { aet: 'SPINEGRADE', port: await freePort() } });
    await seedOrthanc(orthanc, files);
    const store = path.join(dir, 'store');
    const pw = path.join(dir, 'password.txt');
    writeFileSync(pw, `${ORTHANC_PASSWORD}\n`, { mode: 0o600 });
    spinegrade(['pacs', 'add', 'orthanc', '--dicomweb', orthanc.dicomWebUrl, '--user', ORTHANC_USER, '--password-file', pw, '--store', store]);
    host = await startOwnHost(store);
  });
  test.afterAll(async () => {
    await host?.stop();
    await orthanc?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('query, retrieve (25 cells), sign-off, Send to PACS: the SR and the PDF land in Orthanc; Export SR downloads it', async ({ page }) => {
    test.setTimeout(240_000);
    if (!host || !orthanc) throw new Error('set-up failed');
    await page.goto(host.url);
    await openPacsTab(page);
    await expect(page.getByRole('combobox', { name: 'PACS node' })).toHaveValue('orthanc');
    await page.getByRole('button', { name: 'Echo' }).click();
    await expect(page.getByTestId('pacs-note')).toContainText('orthanc answered (QIDO-RS)');

    await page.getByLabel('Patient ID').fill(patientId);
    await page.getByRole('button', { name: 'Search PACS' }).click();
    const rows = page.getByRole('table', { name: 'PACS studies' }).locator('tr[data-study-uid]');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-study-uid', studyUid);
    await expect(rows.first()).toContainText(`ID ${patientId}`);
    await expect(rows.first()).toContainText('3 series');
    await screenshot(page, 'pacs-query');
    expect(await seriousViolations(page, '[data-testid="pacs-panel"]')).toEqual([]);

    await rows.first().getByRole('button', { name: /^Retrieve/ }).click();
    await expect(page.getByTestId('pacs-note')).toContainText('over WADO-RS', { timeout: 60_000 });
    await expect(page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell')).toHaveCount(25, {
      timeout: 120_000,
    });
    await expect(page.getByTestId('pacs-note')).toContainText(/Retrieved \d+ images/);
    await expect(rows.first()).toContainText('In the local store');

    const send = page.getByRole('region', { name: 'Send to PACS' });
    await expect(send.getByRole('button', { name: 'Send preliminary…' })).toBeVisible();
    await expect(send.getByRole('button', { name: 'Send to PACS…' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign off…' }).click();
    const reader = page.getByRole('dialog', { name: 'Reader name' });
    await reader.getByLabel('Your name').fill('Dr Pacs');
    await reader.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByTestId('sign-off')).toHaveAttribute('data-locked', 'true');

    await send.getByRole('button', { name: 'Send to PACS…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send to PACS' });
    await expect(confirm).toContainText(orthanc.dicomWebUrl);
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await confirm.getByRole('button', { name: 'Send', exact: true }).click();
    const result = page.getByTestId('pacs-send-result');
    await expect(result).toContainText('Sent DICOM SR and Encapsulated PDF to orthanc over STOW-RS.', { timeout: 60_000 });
    await screenshot(page, 'pacs-sent');
    const lines = await result.locator('li').allTextContents();
    const uidOf = (kind: string): string => {
      const line = lines.find((l) => l.startsWith(`${kind}: SOP Instance UID `)) ?? '';
      return line.slice(`${kind}: SOP Instance UID `.length).trim();
    };
    const [srUid, pdfUid] = [uidOf('DICOM SR'), uidOf('Encapsulated PDF')];
    expect(srUid).toMatch(/^[0-9.]+$/);
    expect(pdfUid).toMatch(/^[0-9.]+$/);

    const stored = await orthancStudyInstances(orthanc, studyUid);
    const tagsOf = (uid: string): Promise<Record<string, string>> => {
      const id = stored.get(uid);
      if (!id) throw new Error(`SOP Instance ${uid} is not in Orthanc's study ${studyUid}`);
      return orthancJson<Record<string, string>>(orthanc as OrthancServer, `/instances/${id}/simplified-tags`);
    };
    const sr = await tagsOf(srUid);
    expect(sr.SOPClassUID).toBe(COMPREHENSIVE_SR_STORAGE);
    expect(sr.Modality).toBe('SR');
    expect(sr.VerificationFlag).toBe('VERIFIED');
    const pdf = await tagsOf(pdfUid);
    expect(pdf.SOPClassUID).toBe(ENCAPSULATED_PDF);
    expect(pdf.MIMETypeOfEncapsulatedDocument).toBe('application/pdf');

    await page.getByRole('button', { name: 'Print…' }).click();
    const preview = page.getByRole('dialog', { name: 'Print preview' });
    await expect(page.frameLocator('iframe[title="Summary to print"]').locator('body')).toContainText('Impression');
    const download = page.waitForEvent('download');
    await preview.getByRole('button', { name: 'Export SR' }).click();
    const file = path.join(dir, (await download).suggestedFilename());
    await (await download).saveAs(file);
    expect(file.endsWith('.sr.dcm')).toBe(true);
    await expect(preview.getByRole('status')).toContainText('(DICOM SR,');
    const exported = naturalHeader(file);
    expect(exported.SOPClassUID).toBe(COMPREHENSIVE_SR_STORAGE);
    expect(exported.StudyInstanceUID).toBe(studyUid);
    expect(exported.VerificationFlag).toBe('VERIFIED');
  });
});
