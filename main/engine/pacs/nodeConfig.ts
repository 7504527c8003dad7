/**
 * The configured PACS nodes: one JSON file (mode 0600) in the store folder, validated with zod. No node
 * configured means nothing is ever contacted. Plain Node; never imports electron.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';

/** File name of the node configuration inside the store folder. */
export const PACS_CONFIG_FILE = 'pacs-nodes.json';
/** Calling AE title used when a DIMSE node names none. */
export const DEFAULT_CALLING_AET = 'SPINEGRADE';
/** Default network timeout per step (connect, association, each response), ms. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** PS3.5 6.2: AE titles are 1-16 characters of the default repertoire, no backslash or control characters. */
const aeTitle = z
  .string()
  .regex(/^[\x20-\x5b\x5d-\x7e]{1,16}$/, 'an AE title is 1 to 16 printable ASCII characters, no backslash')
  .refine((s) => s.trim().length > 0, 'an AE title cannot be blank');
const nodeName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a node name is 1-64 letters, digits, ".", "_" or "-"');
const timeoutMs = z.number().int().min(100).max(600_000).default(DEFAULT_TIMEOUT_MS);

const basicAuth = z.object({ type: z.literal('basic'), user: z.string().min(1), password: z.string() });
const bearerAuth = z.object({ type: z.literal('bearer'), token: z.string().min(1) });

const dicomWebNode = z.object({
  name: nodeName,
  kind: z.literal('dicomweb'),
  url: z
    .string()
    .url()
    .refine((u) => /^https?:$/.test(new URL(u).protocol), 'the DICOMweb URL must be http:// or https://')
    .refine(
      (u) => !new URL(u).username && !new URL(u).password,
      'put credentials in --user/--password-file, not the URL',
    ),
  auth: z.discriminatedUnion('type', [basicAuth, bearerAuth]).optional(),
  timeoutMs,
});

const dimseNode = z.object({
  name: nodeName,
  kind: z.literal('dimse'),
  host: z
    .string()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:_-]+$/, 'a host name or IP address'),
  port: z.number().int().min(1).max(65535),
  calledAet: aeTitle,
  callingAet: aeTitle.default(DEFAULT_CALLING_AET),
  /** C-GET over the one association (default), or C-MOVE to this app's C-STORE SCP on movePort. */
  retrieve: z.enum(['c-get', 'c-move']).default('c-get'),
  movePort: z.number().int().min(1).max(65535).optional(),
  timeoutMs,
});

export const pacsNodeSchema = z
  .discriminatedUnion('kind', [dicomWebNode, dimseNode])
  .refine((n) => n.kind !== 'dimse' || n.retrieve !== 'c-move' || n.movePort !== undefined, {
    message: "C-MOVE needs the port of this app's C-STORE SCP (--move-port)",
  });
const configSchema = z.object({ version: z.literal(1), nodes: z.array(pacsNodeSchema) });

export type PacsNode = z.infer<typeof pacsNodeSchema>;
export type DicomWebNode = Extract<PacsNode, { kind: 'dicomweb' }>;
export type DimseNode = Extract<PacsNode, { kind: 'dimse' }>;
/** What a node looks like as input (defaults not yet applied). */
export type PacsNodeInput = z.input<typeof pacsNodeSchema>;

/** A node as it may be shown or logged: no password and no token. */
export type PacsNodeView =
  (Omit<DicomWebNode, 'auth'> & { auth?: { type: 'basic'; user: string } | { type: 'bearer' } }) | DimseNode;

/** Path of the node configuration of a store folder. */
export function pacsConfigPath(storeDir: string): string {
  return path.join(storeDir, PACS_CONFIG_FILE);
}

function zodText(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || 'node'}: ${i.message}`).join('; ');
}

/** Every configured node; an empty list (and no file read or created) when none is configured. */
export function loadPacsNodes(storeDir: string): PacsNode[] {
  const file = pacsConfigPath(storeDir);
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The PACS configuration is not valid JSON (${(e as Error).message}); fix or delete it.`,
      file,
    );
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError(
      'INVALID_ARGUMENT',
      `The PACS configuration is invalid: ${zodText(parsed.error)}; fix or delete it.`,
      file,
    );
  return parsed.data.nodes;
}

function saveNodes(storeDir: string, nodes: PacsNode[]): void {
  mkdirSync(storeDir, { recursive: true, mode: 0o700 });
  const file = pacsConfigPath(storeDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: 1, nodes }, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Validate and add a node; INVALID_ARGUMENT when the name is taken or a field is wrong. */
export function addPacsNode(storeDir: string, input: PacsNodeInput): PacsNode {
  const parsed = pacsNodeSchema.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID_ARGUMENT', `Invalid PACS node: ${zodText(parsed.error)}.`);
  const nodes = loadPacsNodes(storeDir);
  if (nodes.some((n) => n.name === parsed.data.name))
    throw new AppError(
      'INVALID_ARGUMENT',
      `A PACS node named "${parsed.data.name}" exists; remove it first.`,
    );
  saveNodes(storeDir, [...nodes, parsed.data]);
  return parsed.data;
}

/** Remove a node by name; NOT_FOUND when there is none. */
export function removePacsNode(storeDir: string, name: string): void {
  const nodes = loadPacsNodes(storeDir);
  if (!nodes.some((n) => n.name === name)) throw notConfigured(name, nodes);
  saveNodes(
    storeDir,
    nodes.filter((n) => n.name !== name),
  );
}

function notConfigured(name: string, nodes: PacsNode[]): AppError {
  const known = nodes.length
    ? `configured: ${nodes.map((n) => n.name).join(', ')}`
    : 'no PACS node is configured';
  return new AppError('NOT_FOUND', `No PACS node named "${name}" (${known}); add one with "pacs add".`);
}

/** The node called `name`; NOT_FOUND naming the configured ones otherwise. */
export function getPacsNode(storeDir: string, name: string): PacsNode {
  const nodes = loadPacsNodes(storeDir);
  const node = nodes.find((n) => n.name === name);
  if (!node) throw notConfigured(name, nodes);
  return node;
}

/** A node without its secrets, for lists, logs and audit rows. */
export function nodeView(node: PacsNode): PacsNodeView {
  if (node.kind === 'dimse') return node;
  const { auth, ...rest } = node;
  if (!auth) return rest;
  return { ...rest, auth: auth.type === 'basic' ? { type: 'basic', user: auth.user } : { type: 'bearer' } };
}

/** One line naming the node and its address (no secrets), used in every error message. */
export function nodeLabel(node: PacsNode): string {
  return node.kind === 'dicomweb'
    ? `PACS node "${node.name}" (DICOMweb ${node.url})`
    : `PACS node "${node.name}" (DIMSE ${node.calledAet}@${node.host}:${node.port})`;
}
