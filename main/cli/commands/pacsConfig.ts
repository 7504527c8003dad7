/**
 * `pacs add|list|remove`: the PACS nodes configured in the store folder (pacs-nodes.json, mode 0600).
 * Secrets are read from files (never the command line) and never printed. Never imports electron.
 */
import { readFileSync } from 'node:fs';
import {
  addPacsNode,
  loadPacsNodes,
  nodeView,
  pacsConfigPath,
  removePacsNode,
  type PacsNodeInput,
} from '../../engine/pacs/nodeConfig';
import { AppError } from '../../shared/errors';
import { intOption, parseCommandArgs, usageError } from '../args';
import { EXIT, type CliIo } from '../command';
import { STORE_JSON_OPTIONS, STORE_OPTION, storeDirFrom } from '../storeOption';

function secretFrom(file: unknown, option: string): string {
  if (typeof file !== 'string') throw new AppError('INVALID_ARGUMENT', `${option} FILE is required.`);
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (e) {
    throw new AppError(
      'NOT_FOUND',
      `Cannot read ${option}: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`,
      file,
    );
  }
}

function hostPort(text: string): { host: string; port: number } {
  const m = /^(.+):(\d{1,5})$/.exec(text);
  if (!m) throw new AppError('INVALID_ARGUMENT', `--dimse must be HOST:PORT (got "${text}").`);
  return { host: m[1].replace(/^\[(.*)\]$/, '$1'), port: Number(m[2]) };
}

type Values = Record<string, string | boolean | string[] | undefined>;

function nodeInput(name: string, v: Values): PacsNodeInput {
  const timeoutMs = v.timeout === undefined ? undefined : intOption(v.timeout, 'timeout', 30, 1, 600) * 1000;
  if (typeof v.dicomweb === 'string') {
    if (v.dimse !== undefined)
      throw new AppError('INVALID_ARGUMENT', 'Give --dicomweb or --dimse, not both.');
    const auth =
      typeof v.user === 'string'
        ? {
            type: 'basic' as const,
            user: v.user,
            password: secretFrom(v['password-file'], '--password-file'),
          }
        : typeof v['token-file'] === 'string'
          ? { type: 'bearer' as const, token: secretFrom(v['token-file'], '--token-file') }
          : undefined;
    return {
      name,
      kind: 'dicomweb',
      url: v.dicomweb,
      ...(auth ? { auth } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    };
  }
  if (typeof v.dimse !== 'string')
    throw new AppError('INVALID_ARGUMENT', 'pacs add needs --dicomweb URL or --dimse HOST:PORT.');
  if (typeof v.aet !== 'string')
    throw new AppError('INVALID_ARGUMENT', "--dimse needs --aet CALLED_AE_TITLE (the PACS's AE title).");
  const movePort =
    v['move-port'] === undefined ? undefined : intOption(v['move-port'], 'move-port', 0, 1, 65535);
  return {
    name,
    kind: 'dimse',
    ...hostPort(v.dimse),
    calledAet: v.aet,
    ...(typeof v['calling-aet'] === 'string' ? { callingAet: v['calling-aet'] } : {}),
    ...(movePort !== undefined ? { retrieve: 'c-move' as const, movePort } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  };
}

const ADD_OPTIONS = {
  ...STORE_OPTION,
  dicomweb: { type: 'string' },
  user: { type: 'string' },
  'password-file': { type: 'string' },
  'token-file': { type: 'string' },
  dimse: { type: 'string' },
  aet: { type: 'string' },
  'calling-aet': { type: 'string' },
  'move-port': { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** `pacs add NAME ...` */
export function pacsAdd(argv: string[], io: CliIo, usage: string): number {
  const { values, positionals } = parseCommandArgs(argv, ADD_OPTIONS, usage);
  if (positionals.length !== 1) return usageError(io, 'pacs add takes one node NAME.', usage);
  const dir = storeDirFrom(values);
  const node = addPacsNode(dir, nodeInput(positionals[0], values));
  io.out(
    `Added PACS node "${node.name}" to ${pacsConfigPath(dir)} (readable by you only). Nothing was contacted; "pacs echo ${node.name}" checks it.`,
  );
  return EXIT.OK;
}

function describe(n: ReturnType<typeof nodeView>): string {
  if (n.kind === 'dicomweb')
    return `${n.name}  DICOMweb ${n.url}  ${n.auth ? (n.auth.type === 'basic' ? `basic auth as ${n.auth.user}` : 'bearer token') : 'no auth'}  timeout ${n.timeoutMs / 1000} s`;
  const retrieve = n.retrieve === 'c-move' ? `C-MOVE to ${n.callingAet} on port ${n.movePort}` : 'C-GET';
  return `${n.name}  DIMSE ${n.calledAet}@${n.host}:${n.port}  calling AE ${n.callingAet}  retrieve ${retrieve}  timeout ${n.timeoutMs / 1000} s`;
}

/** `pacs list [--json]` */
export function pacsList(argv: string[], io: CliIo, usage: string): number {
  const { values, positionals } = parseCommandArgs(argv, STORE_JSON_OPTIONS, usage);
  if (positionals.length) return usageError(io, 'pacs list takes no arguments.', usage);
  const dir = storeDirFrom(values);
  const nodes = loadPacsNodes(dir).map(nodeView);
  if (values.json) {
    io.out(JSON.stringify({ config: pacsConfigPath(dir), nodes }, null, 2));
    return EXIT.OK;
  }
  io.out(
    nodes.length
      ? `${nodes.length} PACS node(s) in ${pacsConfigPath(dir)}`
      : 'No PACS node is configured; nothing is ever contacted. Add one with "pacs add".',
  );
  for (const n of nodes) io.out(`  ${describe(n)}`);
  return EXIT.OK;
}

/** `pacs remove NAME` */
export function pacsRemove(argv: string[], io: CliIo, usage: string): number {
  const { values, positionals } = parseCommandArgs(argv, STORE_OPTION, usage);
  if (positionals.length !== 1) return usageError(io, 'pacs remove takes one node NAME.', usage);
  removePacsNode(storeDirFrom(values), positionals[0]);
  io.out(`Removed PACS node "${positionals[0]}".`);
  return EXIT.OK;
}
