// Dropping files on the browser host's window: the bytes are uploaded (application/octet-stream) into the
// store's upload folder, imported and analysed like a typed path. A dropped .zip with a '..' entry and a
// symlink is unpacked with those entries refused and named; dropped loose DICOM files work the same.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hostUrl } from './hostUrl';
import { listFiles, makePhantom, type Phantom } from './workspaceHelpers';

const ZIP_FIXTURES = path.join(__dirname, '..', 'integration', 'import', 'zipFixtures.py');

let phantom: Phantom;
let zipPath = '';
test.beforeAll(async () => {
  phantom = await makePhantom('e2e-upload-21');
  zipPath = path.join(phantom.dir, 'study.zip');
  execFileSync('zip', ['-r', '-q', zipPath, '.'], { cwd: phantom.studyPath });
  const links = path.join(phantom.dir, 'links');
  mkdirSync(links);
  symlinkSync('/etc/passwd', path.join(links, 'evil-link'));
  execFileSync('zip', ['-y', '-q', zipPath, 'evil-link'], { cwd: links });
  execFileSync('/usr/bin/python3', [ZIP_FIXTURES, 'evil', zipPath]);
});
test.afterAll(() => rmSync(phantom.dir, { recursive: true, force: true }));

/** Drop `files` (name, bytes) on the drop zone as a browser drop does (a DataTransfer of File objects). */
async function dropFiles(page: Page, files: Array<{ name: string; bytes: Buffer }>): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    // Browser globals, typed here (this project's test tsconfig has no DOM lib).
    const w = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: Uint8Array[], name: string) => unknown;
      atob(b64: string): string;
    };
    const dt = new w.DataTransfer();
    for (const f of list) {
      const bin = w.atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new w.File([bytes], f.name));
    }
    return dt;
  }, payload);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}

async function expectGraded(page: Page): Promise<void> {
  await expect(page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell')).toHaveCount(25, {
    timeout: 90_000,
  });
}

test('a dropped .zip is uploaded, unpacked with unsafe entries refused and named, imported and graded', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const uploads: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/uploadFile')) uploads.push(r.headers()['content-type'] ?? '');
  });
  await page.goto(hostUrl());
  await dropFiles(page, [{ name: 'study.zip', bytes: readFileSync(zipPath) }]);
  await expectGraded(page);
  expect(uploads).toEqual(['application/octet-stream']);
  const refused = page.locator('details[data-code="UNSAFE_ARCHIVE"]');
  await expect(refused.locator('summary')).toContainText('Zip entries refused (not unpacked): 6');
  await refused.locator('summary').click(); // more than three in the group: it starts closed
  for (const entry of ['../escape.txt', '/abs/evil.txt', 'evil-link', 'dev/sda-device'])
    await expect(refused.locator(`li[title="study.zip!${entry}"]`)).toContainText(
      `Zip entry "${entry}" was refused`,
    );
  const store = process.env.SPINEGRADE_E2E_STORE;
  if (!store) throw new Error('SPINEGRADE_E2E_STORE is not set (globalSetup sets it).');
  const stored = listFiles(path.join(store, 'uploads'));
  expect(stored.some((f) => f.endsWith(`${path.sep}study.zip`))).toBe(true);
  expect(stored.some((f) => /escape|evil|sda-device/.test(f))).toBe(false);
  expect(readdirSync(path.join(store, 'uploads', 'unzipped')).length).toBeGreaterThan(0);
});

test('dropped loose DICOM files are uploaded and graded like a typed path', async ({ page }) => {
  test.setTimeout(150_000);
  const files = listFiles(phantom.studyPath)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => ({
      name: path.relative(phantom.studyPath, f).split(path.sep).join('_'),
      bytes: readFileSync(f),
    }));
  expect(files.length).toBeGreaterThan(20);
  await page.goto(hostUrl());
  await dropFiles(page, files);
  await expectGraded(page);
  await expect(page.getByText(/Imported 1 study/)).toBeVisible();
});
