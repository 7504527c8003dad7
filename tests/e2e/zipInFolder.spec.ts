// A typed folder holding .zip archives, through the UI: one series of the phantom packed by Info-ZIP
// beside the loose rest, and a hostile archive ('..' and absolute entries, Python's zipfile). The study
// opens whole (25 cells, images in all three panes), each refused entry is named in the import problems
// panel, nothing is written outside the upload folder, and `spinegrade audit verify` stays intact.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { hostUrl } from './hostUrl';
import { auditVerify, listFiles, makePhantom, openByPath, type Phantom } from './workspaceHelpers';

let work: string;
let phantom: Phantom;
test.beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-e2e-zipdir-'));
  phantom = await makePhantom('e2e-zip-in-folder');
});
test.afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(phantom.dir, { recursive: true, force: true });
});

test('a folder with a zipped series and a hostile zip: the study opens whole, each refusal is named', async ({
  page,
}) => {
  const folder = path.join(work, 'export');
  cpSync(phantom.studyPath, folder, { recursive: true });
  const [first] = readdirSync(folder).sort();
  execFileSync('zip', ['-r', '-q', '-m', 'first-series.zip', first], { cwd: folder });
  const py = `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('../spinegrade-e2e-zipdir-escaped.txt', b'outside the folder')
    z.writestr('/tmp/spinegrade-e2e-zipdir-absolute.txt', b'absolute path')
    z.writestr('readme.txt', b'a safe entry')
`;
  const hostile = path.join(folder, 'attachments', 'hostile.zip');
  const made = spawnSync(
    'sh',
    ['-c', `mkdir -p "$(dirname "$1")" && python3 -c "$2" "$1"`, 'sh', hostile, py],
    {
      encoding: 'utf8',
    },
  );
  expect(made.status, made.stderr).toBe(0);

  await page.goto(hostUrl());
  await openByPath(page, folder);
  for (const name of ['Sagittal T2 viewer', 'Sagittal T1 viewer', 'Axial T2 viewer'])
    await expect(page.getByRole('region', { name, exact: true })).toHaveAttribute('data-voi', /^\d/, {
      timeout: 30_000,
    });
  const panel = page.getByRole('region', { name: 'Import problems' });
  await expect(panel).toContainText('Zip entries refused');
  await expect(panel).toContainText('../spinegrade-e2e-zipdir-escaped.txt');
  await expect(panel).toContainText('/tmp/spinegrade-e2e-zipdir-absolute.txt');
  await expect(panel).toContainText('1 study imported');
  await expect(panel).not.toContainText('first-series.zip');
  await expect(page.locator('body')).not.toContainText(/\bat \S+\.(?:ts|js|mjs):\d+|TypeError|Error: /);
  const store = process.env.SPINEGRADE_E2E_STORE ?? '';
  const written = [...listFiles(store), ...listFiles(work), ...readdirSync(os.tmpdir())];
  expect(written.filter((f) => /spinegrade-e2e-zipdir-(escaped|absolute)/.test(f))).toEqual([]);
  const audit = auditVerify(store);
  expect(audit.status, audit.output).toBe(0);
});
