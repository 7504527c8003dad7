// The network guard's reading of netGuardRecorder.cjs's log: the environment that preloads the recorder into a
// host, and what the log says the host's processes and threads did (TCP listeners, outgoing connections,
// accepted peers, UDP sockets, DNS names asked, threads, programs spawned).
import { existsSync, readFileSync } from 'node:fs';
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
    else if (e.op === 'thread') r.threads.push(`${e.pid}/${e.thread} ${e.main ? 'main' : 'worker'}`);
    else if (e.op === 'spawn') r.spawns.push({ file: String(e.file), debugging: e.debugging ?? [] });
  }
  return r;
}

/** The outgoing entries that leave the loopback interface (or name a host that is not a loopback name). */
export function nonLoopbackOutgoing(r: GuardReport): string[] {
  return r.outgoing.filter((o) => !isLoopback(o.replace(/^(asked|made) /, '').replace(/:[^:]*$/, '')));
}
