/**
 * Test harness: a real Orthanc (Debian's `orthanc` + `orthanc-dicomweb`) on free loopback ports with a
 * temporary configuration and storage folder, started as a plain process and stopped by its PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ORTHANC_BIN = ['/usr/sbin/Orthanc', '/usr/bin/Orthanc'].find((p) => existsSync(p));
const DICOMWEB_PLUGIN = [
  '/usr/share/orthanc/plugins/libOrthancDicomWeb.so',
  '/usr/lib/orthanc/libOrthancDicomWeb.so',
].find((p) => existsSync(p));

/** Why Orthanc cannot run here (printed by the tests that skip), or undefined. */
export const orthancSkipReason: string | undefined = !ORTHANC_BIN
  ? 'Orthanc is not installed (apt-get install -y orthanc orthanc-dicomweb; scripts/setup.sh does it)'
  : !DICOMWEB_PLUGIN
    ? 'the Orthanc DICOMweb plugin is not installed (apt-get install -y orthanc-dicomweb)'
    : undefined;

export const ORTHANC_AET = 'ORTHANCTEST';
export const ORTHANC_USER = 'reader';
export const ORTHANC_PASSWORD = 'pacs-test-secret-7d1e';

/** A free TCP port on 127.0.0.1 (bound and released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface OrthancOptions {
  /**
   * The SpineGrade node as Orthanc knows it (Orthanc answers C-FIND / C-MOVE only from registered modalities):
   * its AE title and the port of its C-STORE SCP, the C-MOVE destination.
   */
  client: { aet: string; port: number };
}

export interface OrthancServer {
  readonly httpPort: number;
  readonly dicomPort: number;
  readonly dir: string;
  /** http://127.0.0.1:PORT */
  readonly httpUrl: string;
  /** DICOMweb root, e.g. http://127.0.0.1:PORT/dicom-web */
  readonly dicomWebUrl: string;
  /** Authorization header value of the test user. */
  readonly authHeader: string;
  /** Kill the process (SIGKILL when `hard`) and wait for it to exit. Storage is kept. */
  stop(hard?: boolean): Promise<void>;
  /** Start again on the same ports and storage. */
  restart(): Promise<void>;
  /** Stop and delete the temporary folder. */
  dispose(): Promise<void>;
}

function configJson(dir: string, http: number, dicom: number, o: OrthancOptions): string {
  const modalities = { spinegrade: [o.client.aet, '127.0.0.1', o.client.port] };
  return JSON.stringify({
    Name: 'SpineGradeTest',
    StorageDirectory: path.join(dir, 'db'),
    IndexDirectory: path.join(dir, 'db'),
    HttpPort: http,
    DicomPort: dicom,
    DicomAet: ORTHANC_AET,
    DicomCheckCalledAet: true,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: true,
    RegisteredUsers: { [ORTHANC_USER]: ORTHANC_PASSWORD },
    DicomModalities: modalities,
    DicomScuTimeout: 10,
    HttpTimeout: 10,
    StableAge: 1,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: true, StudiesMetadata: 'Full' },
  });
}

async function waitReady(url: string, auth: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited (${child.exitCode}): ${log()}`);
    try {
      const r = await fetch(`${url}/dicom-web/studies`, { headers: { Authorization: auth } });
      if (r.ok || r.status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Orthanc did not answer within 20 s: ${log()}`);
}

/** Start Orthanc on free loopback ports; resolves once QIDO-RS answers. */
export async function startOrthanc(o: OrthancOptions): Promise<OrthancServer> {
  if (orthancSkipReason || !ORTHANC_BIN) throw new Error(orthancSkipReason);
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-orthanc-'));
  mkdirSync(path.join(dir, 'db'));
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const configFile = path.join(dir, 'orthanc.json');
  writeFileSync(configFile, configJson(dir, httpPort, dicomPort, o));
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const authHeader = `Basic ${Buffer.from(`${ORTHANC_USER}:${ORTHANC_PASSWORD}`).toString('base64')}`;
  let child: ChildProcess | undefined;
  let output = '';
  const launch = async (): Promise<void> => {
    output = '';
    const c = spawn(ORTHANC_BIN, [configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    c.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child = c;
    await waitReady(httpUrl, authHeader, c, () => output);
  };
  const stop = async (hard = false): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill(hard ? 'SIGKILL' : 'SIGTERM');
    });
  };
  await launch();
  return {
    httpPort,
    dicomPort,
    dir,
    httpUrl,
    dicomWebUrl: `${httpUrl}/dicom-web`,
    authHeader,
    stop,
    restart: launch,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
