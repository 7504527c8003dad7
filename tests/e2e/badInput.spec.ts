// Bad input through the UI: a folder with no DICOM, a real-world non-lumbar MR series (pydicom's
// MR_small.dcm, a Toshiba scanner file) beside a CT file, sagittal series with no lumbar column (NOT_SPINE),
// a truncated file among good ones, a zip with '..' and absolute entries. Each gives a clear message
// (never a stack trace), the rest imports, the store stays intact (`spinegrade audit verify`).
import {
  copyFileSync,
  mkdirSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { StudyListItem } from '../../main/shared/apiRecords';
import { headLikePixels, writeRewrittenPhantom } from '../integration/analyze/rewrittenPhantom';
import { hostUrl } from './hostUrl';
import { auditVerify, call, listFiles, makePhantom, openByPath, type Phantom } from './workspaceHelpers';

const PYDICOM_FILES = '/usr/lib/python3/dist-packages/pydicom/data/test_files';

let work: string;
let phantom: Phantom;
test.beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-e2e-bad-'));
  phantom = await makePhantom('e2e-bad-truncated');
});
test.afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(phantom.dir, { recursive: true, force: true });
});

async function typePath(page: Page, p: string): Promise<void> {
  await page.getByLabel('Study folder', { exact: true }).fill(p);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

async function expectNoStackTrace(page: Page): Promise<void> {
  await expect(page.locator('body')).not.toContainText(
    /\bat \S+\.(?:ts|js|mjs):\d+|TypeError|ReferenceError|Error: /,
  );
}

function storeIntact(): void {
  const store = process.env.SPINEGRADE_E2E_STORE;
  expect(store, 'globalSetup sets SPINEGRADE_E2E_STORE').toBeTruthy();
  const r = auditVerify(store ?? '');
  expect(r.status, r.output).toBe(0);
}

test('a folder with no DICOM says so and imports nothing', async ({ page }) => {
  const dir = path.join(work, 'no-dicom');
  mkdirSync(path.join(dir, 'reports'), { recursive: true });
  writeFileSync(path.join(dir, 'reports', 'README'), 'Study exported by hand.\n');
  writeFileSync(path.join(dir, 'notes.txt'), 'scan notes\n');
  writeFileSync(path.join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]));
  await page.goto(hostUrl());
  await typePath(page, dir);
  const panel = page.getByRole('region', { name: 'Import problems' });
  await expect(panel).toContainText('0 studies imported');
  await expect(panel).toContainText('Files that are not DICOM images');
  await expect(panel).toContainText('notes.txt');
  await expect(page.getByTestId('status-line')).toContainText('No study could be imported');
  await expect(page.getByRole('grid', { name: 'Findings' })).toHaveCount(0);
  await expectNoStackTrace(page);
  storeIntact();
});

test('a real non-lumbar MR series and a CT file: named, the MR kept for viewing with the reason', async ({
  page,
}) => {
  test.skip(
    !existsSync(path.join(PYDICOM_FILES, 'MR_small.dcm')),
    'python3-pydicom test files are not installed',
  );
  const dir = path.join(work, 'not-lumbar');
  cpSync(path.join(PYDICOM_FILES, 'MR_small.dcm'), path.join(dir, 'MR_small.dcm'));
  copyFileSync(path.join(PYDICOM_FILES, 'CT_small.dcm'), path.join(dir, 'CT_small.dcm'));
  await page.goto(hostUrl());
  await typePath(page, dir);
  const panel = page.getByRole('region', { name: 'Import problems' });
  await expect(panel).toContainText('Not MR images');
  await expect(panel).toContainText('CT_small.dcm');
  await expect(panel).toContainText('MR_small.dcm');
  await expect(panel).toContainText(/Series missing|Not a lumbar spine study/);
  const findings = page.getByRole('complementary', { name: 'Findings' });
  await expect(findings).toContainText(/could not be analysed|not a lumbar|Not a lumbar/i, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('study-header')).toContainText('CompressedSamples MR1');
  await expectNoStackTrace(page);
  storeIntact();
});

test('sagittal series that show no lumbar column: NOT_SPINE in words, nothing graded, still open for viewing', async ({
  page,
}) => {
  const dir = path.join(work, 'head-sagittal');
  writeRewrittenPhantom(dir, 'e2e-not-spine', (ds, role) => {
    Object.assign(ds, { StudyDescription: 'IRM', BodyPartExamined: '' });
    if (role !== 'axial T2') ds.PixelData = [headLikePixels(ds)];
    return ds;
  });
  await page.goto(hostUrl());
  await typePath(page, dir);
  const findings = page.getByRole('complementary', { name: 'Findings' });
  await expect(findings).toContainText('Not analysed as a lumbar spine study', { timeout: 60_000 });
  await expect(findings).toContainText('no lumbar column');
  await expect(findings).toContainText('It is open for viewing.');
  await expect(page.getByRole('grid', { name: 'Findings' })).toHaveCount(0);
  const sagittal = page.getByRole('region', { name: 'Sagittal T2 viewer' });
  await expect(sagittal).toHaveAttribute('data-slice-count', /^[1-9]\d*$/, { timeout: 30_000 });
  await expect(page.getByTestId('study-header')).toBeVisible();
  const studies = await call<StudyListItem[]>(page, 'listStudies');
  const stored = studies.find((s) => s.study.studyDescription === 'IRM');
  expect(stored, 'the study is stored for viewing').toBeTruthy();
  expect(stored?.analyses ?? [], 'no analysis is stored for it').toHaveLength(0);
  await expectNoStackTrace(page);
  storeIntact();
});

test('a truncated file among good ones is named; the rest imports and is graded', async ({ page }) => {
  const dir = path.join(work, 'truncated');
  cpSync(phantom.studyPath, dir, { recursive: true });
  const series = readdirSync(dir).map((s) => path.join(dir, s));
  const victim = path.join(series[0], readdirSync(series[0]).sort()[2]);
  truncateSync(victim, Math.floor(statSync(victim).size / 2));
  await page.goto(hostUrl());
  await openByPath(page, dir);
  const panel = page.getByRole('region', { name: 'Import problems' });
  await expect(panel).toContainText('Damaged or incomplete files');
  await expect(panel).toContainText(path.basename(victim));
  await expect(panel).toContainText('1 study imported');
  await expectNoStackTrace(page);
  storeIntact();
});

/** A zip of the phantom's files under study/ plus hostile entries (written by Python's zipfile). */
function hostileZip(studyDir: string, zipPath: string): void {
  const py = `
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w') as z:
    for root, _, files in os.walk(src):
        for f in sorted(files):
            p = os.path.join(root, f)
            z.write(p, 'study/' + os.path.relpath(p, src))
    z.writestr('../spinegrade-e2e-escaped.dcm', b'DICM outside the folder')
    z.writestr('study/../../spinegrade-e2e-escaped-2.dcm', b'also outside')
    z.writestr('/tmp/spinegrade-e2e-absolute.dcm', b'absolute path')
`;
  const r = spawnSync('python3', ['-c', py, studyDir, zipPath], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

test('a zip with ".." and absolute entries: each refused by name, nothing written outside, the rest graded', async ({
  page,
}) => {
  const zipPath = path.join(work, 'hostile.zip');
  hostileZip(phantom.studyPath, zipPath);
  await page.goto(hostUrl());
  await openByPath(page, zipPath);
  const panel = page.getByRole('region', { name: 'Import problems' });
  await expect(panel).toContainText('Zip entries refused');
  await expect(panel).toContainText('../spinegrade-e2e-escaped.dcm');
  await expect(panel).toContainText('study/../../spinegrade-e2e-escaped-2.dcm');
  await expect(panel).toContainText('/tmp/spinegrade-e2e-absolute.dcm');
  await expect(panel).toContainText('1 study imported');
  await expect(page.getByTestId('study-header')).toBeVisible();
  const store = process.env.SPINEGRADE_E2E_STORE ?? '';
  const written = [...listFiles(store), ...listFiles(work), ...readdirSync(os.tmpdir())];
  expect(written.filter((f) => /spinegrade-e2e-(escaped|absolute)/.test(f))).toEqual([]);
  await expectNoStackTrace(page);
  storeIntact();
});
