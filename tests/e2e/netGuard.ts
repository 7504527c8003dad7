// The network guard's reading of netGuardRecorder.cjs's log: the environment that preloads the recorder into a
// host, and what the log says the host's processes and threads did (TCP listeners, outgoing connections,
// accepted peers, UDP sockets, DNS names asked, threads, programs spawned).
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

const RECORDER = path.join(__dirname, 'netGuardRecorder.cjs');

/** One line of the log (netRecorder.cjs's events have no pid/thread; the guard's own ones have both). */
export interface NetEvent {
  op: 'connect' | 'listen' | 'udp' | 'thread' | 'connected' | 'listening' | 'accepted' | 'dns' | 'spawn';
  pid?: number;
  thread?: number;
  main?: boolean;
  path?: string;
  port?: number | string;
  host?: string;
  pipe?: boolean;
  remote?: string;
  remotePort?: number;
  address?: string | { address: string; port: number; family: string } | null;
  fn?: string;
  name?: string;
  file?: string;
  debugging?: string[];
}

export interface GuardReport {
  /** TCP addresses listened on, "address:port". */
  tcpListeners: string[];
  /** Unix socket / pipe paths listened on (local IPC, e.g. tsx's parent-child channel). */
  pipeListeners: string[];
  /** Outgoing TCP connections, asked ("host:port") and made ("remote:port"). */
  outgoing: string[];
  /** Accepted connections whose peer is not loopback. */
  remotePeers: string[];
  /** How many connections were accepted (all peers). */
  accepted: number;
  udpSockets: number;
  /** DNS names asked that are not loopback names. */
  lookups: string[];
  /** Threads that loaded the recorder: "pid/thread main|worker". */
  threads: string[];
  /** The processes that loaded it. */
  pids: number[];
  spawns: Array<{ file: string; debugging: string[] }>;
}

/** Environment for a host with the recorder preloaded into each Node process and worker thread. */
export function recorderEnv(logFile: string): Record<string, string> {
  return { NODE_OPTIONS: `--require ${RECORDER}`, SG_NET_LOG: logFile };
}

export function readNetLog(logFile: string): NetEvent[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as NetEvent);
}

const LOOPBACK_NAMES = new Set(['localhost', '::1', '::ffff:127.0.0.1']);

/** 127.0.0.0/8 (also IPv4-mapped), ::1 and "localhost". */
export function isLoopback(host: string | undefined): boolean {
  if (host === undefined) return true; // connect(port) without a host goes to localhost
  return LOOPBACK_NAMES.has(host) || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(host);
}

/** Summarise a log (or a slice of it). */
export function guardReport(events: NetEvent[]): GuardReport {
  const r: GuardReport = {
    tcpListeners: [],
    pipeListeners: [],
    outgoing: [],
    remotePeers: [],
    accepted: 0,
    udpSockets: 0,
    lookups: [],
    threads: [],
    pids: [],
    spawns: [],
  };
  for (const e of events) {
    const a = e.op === 'listening' ? e.address : undefined;
    if (typeof a === 'string') r.pipeListeners.push(a);
    else if (a) r.tcpListeners.push(`${a.address}:${a.port}`);
    else if (e.op === 'connect' && e.path === undefined)
      r.outgoing.push(`asked ${e.host ?? 'localhost'}:${e.port}`);
    else if (e.op === 'connected' && !e.pipe) r.outgoing.push(`made ${e.remote}:${e.remotePort}`);
    else if (e.op === 'accepted') {
      r.accepted++;
      if (!e.pipe && !isLoopback(e.remote)) r.remotePeers.push(String(e.remote));
    } else if (e.op === 'udp') r.udpSockets++;
    else if (e.op === 'dns' && !isLoopback(e.name) && e.name !== '127.0.0.1')
      r.lookups.push(`${e.fn}(${e.name})`);
    else if (e.op === 'thread') {
      r.threads.push(`${e.pid}/${e.thread} ${e.main ? 'main' : 'worker'}`);
      if (e.main && e.pid !== undefined) r.pids.push(e.pid);
    } else if (e.op === 'spawn') r.spawns.push({ file: String(e.file), debugging: e.debugging ?? [] });
  }
  return r;
}

/** The outgoing entries that leave the loopback interface (or name a host that is not a loopback name). */
export function nonLoopbackOutgoing(r: GuardReport): string[] {
  return r.outgoing.filter((o) => !isLoopback(o.replace(/^(asked|made) /, '').replace(/:[^:]*$/, '')));
}

/**
 * What breaks "with no node configured the app opens no socket beyond its own loopback host": a TCP listener
 * other than 127.0.0.1:hostPort, any outgoing TCP connection (Chromium for the PDF is driven over a pipe), a
 * non-loopback peer, a UDP socket, a DNS name that is not a loopback name, Chromium driven other than by a pipe.
 */
export function violations(r: GuardReport, hostPort: string): string[] {
  const chromium = r.spawns.filter((s) => /chrom/i.test(s.file));
  return [
    ...r.tcpListeners.filter((l) => l !== `127.0.0.1:${hostPort}`).map((l) => `listens on ${l}`),
    ...r.pipeListeners.filter((p) => !p.startsWith('/')).map((p) => `listens on the pipe ${p}`),
    ...r.outgoing.map((o) => `connects: ${o}`),
    ...r.remotePeers.map((p) => `accepted a connection from ${p}`),
    ...(r.udpSockets > 0 ? [`opened ${r.udpSockets} UDP socket(s)`] : []),
    ...r.lookups.map((l) => `DNS: ${l}`),
    ...chromium
      .filter((c) => c.debugging.join(' ') !== '--remote-debugging-pipe')
      .map((c) => `drives ${c.file} with ${c.debugging.join(' ') || 'no debugging pipe'}`),
  ];
}

/** IPv4 or IPv6 address of /proc/net/tcp* ("0100007F:1F90"), as text. */
function procAddress(hex: string): string {
  const [addr = '', port = ''] = hex.split(':');
  const words = (addr.match(/.{8}/g) ?? []).map((w) => (w.match(/../g) ?? []).reverse().join(''));
  const bytes =
    words
      .join('')
      .match(/../g)
      ?.map((b) => parseInt(b, 16)) ?? [];
  const v4 =
    bytes.length === 4
      ? bytes
      : bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255
        ? bytes.slice(12)
        : null;
  const ip = v4
    ? v4.join('.')
    : `[${(words.join('').match(/.{4}/g) ?? []).join(':').replace(/\b0+(?=\w)/g, '')}]`;
  return `${ip}:${parseInt(port, 16)}`;
}

/**
 * The OS view's breaches of the same rule: a TCP listener other than 127.0.0.1:hostPort, a connection that is not
 * a loopback peer of that listener (i.e. any outgoing one), any UDP socket.
 */
export function osViolations(sockets: string[], hostPort: string): string[] {
  const host = `127.0.0.1:${hostPort}`;
  return sockets.filter((s) => {
    const [kind, local, remote = ''] = s.split(' ');
    if (kind !== 'tcp') return true;
    if (/^(0\.0\.0\.0|\[0:0:0:0:0:0:0:0\]):0$/.test(remote)) return local !== host;
    return local !== host || !/^127\./.test(remote);
  });
}

/**
 * The operating system's view (Linux /proc) of the inet sockets process `pid` holds open now, native code
 * included: "tcp LOCAL REMOTE" / "udp LOCAL". Undefined where /proc is missing.
 */
export function openInetSockets(pid: number): string[] | undefined {
  const fdDir = `/proc/${pid}/fd`;
  if (!existsSync(fdDir)) return undefined;
  const inodes = new Set<string>();
  for (const fd of readdirSync(fdDir)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(path.join(fdDir, fd)));
      if (m?.[1]) inodes.add(m[1]);
    } catch {
      // the fd closed while listing
    }
  }
  const out: string[] = [];
  for (const kind of ['tcp', 'tcp6', 'udp', 'udp6']) {
    const file = `/proc/${pid}/net/${kind}`;
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || !inodes.has(f[9] ?? '')) continue;
      const local = procAddress(f[1] ?? '');
      out.push(kind.startsWith('tcp') ? `tcp ${local} ${procAddress(f[2] ?? '')}` : `udp ${local}`);
    }
  }
  return out;
}
