// The network guard (issue 10 §3): a host of the test's own with netGuardRecorder.cjs preloaded into each Node
// process and worker thread, a fresh store and no PACS node; a full UI session in Chromium opens no socket but
// the host's 127.0.0.1 listener, and its peers are loopback. Then nodes are configured and Echo is pressed: the log shows it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { allTargets } from '../../main/shared/targets';
import {
  guardReport,
  nonLoopbackOutgoing,
  openInetSockets,
  osViolations,
  readNetLog,
  recorderEnv,
  violations,
} from './netGuard';
import {
  cellOf,
  makePhantom,
  openByPath,
  startOwnHost,
  waitForImages,
  type OwnHost,
  type Phantom,
} from './workspaceHelpers';

test.use({ viewport: { width: 1600, height: 900 } });
test.describe.configure({ mode: 'serial' });

const root = path.resolve(__dirname, '..', '..');
let dir = '';
let store = '';
let logFile = '';
let phantom: Phantom | undefined;
let host: OwnHost | undefined;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-e2e-netguard-'));
  store = path.join(dir, 'store');
  logFile = path.join(dir, 'net.log');
  phantom = await makePhantom('e2e-netguard');
  host = await startOwnHost(store, { env: recorderEnv(logFile) });
});
test.afterAll(async () => {
  await host?.stop();
  if (phantom) rmSync(phantom.dir, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `spinegrade ARGS --store <store>` through tsx (without the recorder); throws with its output on failure. */
function spinegrade(args: string[]): void {
  const r = spawnSync(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    ['main/cli/index.ts', ...args, '--store', store],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0)
    throw new Error(`spinegrade ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
}

async function download(page: Page, button: string, name: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Print preview' });
  const downloading = page.waitForEvent('download', { timeout: 90_000 });
  await dialog.getByRole('button', { name: button }).click();
  const d = await downloading;
  const file = path.join(dir, `${name}-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return file;
}

/** Open the study, click cells, scroll the axial, look at the PACS tab, override one target, sign off. */
async function readAndSign(page: Page, studyPath: string): Promise<void> {
  await openByPath(page, studyPath);
  await waitForImages(page);
  for (const { condition, level } of allTargets().slice(0, 3)) await cellOf(page, condition, level).click();
  const ax = page.getByRole('region', { name: 'Axial T2 viewer', exact: true });
  const k0 = await ax.getAttribute('data-slice-index');
  const box = await ax.locator('[data-cornerstone-element]').boundingBox();
  if (!box) throw new Error('no axial viewport element');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, Number(k0) > 0 ? -120 : 120);
  await expect(ax).not.toHaveAttribute('data-slice-index', k0 ?? '');

  await page.getByRole('tab', { name: 'PACS' }).click();
  await expect(page.getByTestId('pacs-panel').getByTestId('pacs-no-node')).toContainText(
    'No PACS node is configured, so nothing is contacted',
  );
  await page.getByRole('tab', { name: 'Studies' }).click();

  const target = cellOf(page, 'spinal_canal_stenosis', 'l4_l5');
  const ai = await target.getAttribute('data-grade');
  await target.click();
  await page.getByRole('button', { name: 'Override…' }).click();
  await page.getByLabel('Reader grade').selectOption(ai === 'Severe' ? 'Moderate' : 'Severe');
  await page.getByRole('button', { name: 'Save override' }).click();
  const reader = page.getByRole('dialog', { name: 'Reader name' });
  await reader.getByLabel('Your name').fill('Dr Guard');
  await reader.getByRole('button', { name: 'Continue' }).click();
  await expect(target).toHaveAttribute('data-source', 'Reader');
  await page.getByRole('button', { name: 'Sign off…' }).click();
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-locked', 'true');
}

test('with no node, a full session opens no socket but the host 127.0.0.1 listener; every peer is loopback', async ({
  page,
}) => {
  test.setTimeout(150_000);
  if (!host || !phantom) throw new Error('set-up failed');
  const hostPort = new URL(host.url).port;
  await page.goto(host.url);
  await readAndSign(page, phantom.studyPath);

  await page.getByRole('button', { name: 'Print…' }).click();
  const preview = page.getByRole('dialog', { name: 'Print preview' });
  await expect(page.frameLocator('iframe[title="Summary to print"]').locator('body')).toContainText(
    'Impression',
  );
  expect(await download(page, 'Save PDF', 'summary')).toMatch(/\.pdf$/);
  await expect(preview.getByRole('status')).toContainText('Downloaded');
  expect(await download(page, 'Export SR', 'result')).toMatch(/\.sr\.dcm$/);
  await expect(preview.getByRole('status')).toContainText('(DICOM SR,');

  const events = readNetLog(logFile);
  const r = guardReport(events);
  const osView = r.pids.map((pid) => ({ pid, sockets: openInetSockets(pid) }));
  test
    .info()
    .annotations.push({
      type: 'net log',
      description: JSON.stringify({ ...r, osView, events: events.length }),
    });
  expect(violations(r, hostPort), 'sockets beyond the host 127.0.0.1 listener').toEqual([]);
  expect(r.tcpListeners, 'TCP listeners').toEqual([`127.0.0.1:${hostPort}`]);
  expect(r.accepted, 'the browser connections were seen').toBeGreaterThan(0);
  // Coverage: the recorder ran in the host and in its engine worker threads, and saw the PDF's Chromium.
  expect(r.threads.filter((t) => t.endsWith('worker')).length, r.threads.join(', ')).toBeGreaterThan(0);
  expect(r.spawns.filter((s) => /chrom/i.test(s.file)).length, JSON.stringify(r.spawns)).toBeGreaterThan(0);
  // The operating system's view of the sockets the host's processes hold now (native code included).
  for (const { pid, sockets } of osView)
    if (sockets) expect(osViolations(sockets, hostPort), `process ${pid}: ${sockets.join(', ')}`).toEqual([]);
  expect(
    osView.some((p) => p.sockets?.includes(`tcp 127.0.0.1:${hostPort} 0.0.0.0:0`)),
    JSON.stringify(osView),
  ).toBe(process.platform === 'linux');
});

test('the guard sees a configured node: Echo to a loopback DIMSE port and a DICOMweb host name', async ({
  page,
}) => {
  test.setTimeout(60_000);
  if (!host) throw new Error('set-up failed');
  const hostPort = new URL(host.url).port;
  const pids = guardReport(readNetLog(logFile)).pids;
  const accepted: net.Socket[] = [];
  let osAtEcho: string[] = []; // the OS view of the host's sockets while the echo's connection is open
  const server = net.createServer((s) => {
    accepted.push(s);
    osAtEcho = pids.flatMap((pid) => openInetSockets(pid) ?? []);
    s.destroy();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as net.AddressInfo).port;
  try {
    spinegrade(['pacs', 'add', 'probe', '--dimse', `127.0.0.1:${port}`, '--aet', 'PROBE']);
    spinegrade(['pacs', 'add', 'web', '--dicomweb', 'http://pacs.invalid:8042/dicom-web']);
    const before = readNetLog(logFile).length;
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'PACS' }).click();
    const node = page.getByRole('combobox', { name: 'PACS node' });
    const note = page.getByTestId('pacs-note');
    for (const name of ['probe', 'web']) {
      await node.selectOption(name);
      await page.getByRole('button', { name: 'Echo' }).click();
      await expect(note).toHaveText(new RegExp(`^${name} (did not answer|answered)`), { timeout: 30_000 });
    }
    const r = guardReport(readNetLog(logFile).slice(before));
    expect(accepted.length, 'the test server saw the echo').toBeGreaterThan(0);
    expect(r.outgoing).toContain(`asked 127.0.0.1:${port}`);
    expect(r.outgoing).toContain(`made 127.0.0.1:${port}`);
    expect(r.lookups).toContain('dns.lookup(pacs.invalid)');
    expect(nonLoopbackOutgoing(r)).toContain('asked pacs.invalid:8042');
    // The same check as the session's now fails, naming both nodes' traffic.
    const broken = violations(r, hostPort);
    expect(broken).toEqual(
      expect.arrayContaining([`connects: made 127.0.0.1:${port}`, 'DNS: dns.lookup(pacs.invalid)']),
    );
    if (process.platform === 'linux')
      expect(osViolations(osAtEcho, hostPort), osAtEcho.join(', ')).toEqual([
        expect.stringMatching(new RegExp(`^tcp 127\\.0\\.0\\.1:\\d+ 127\\.0\\.0\\.1:${port}$`)),
      ]);
  } finally {
    server.close();
  }
});
