/**
 * Test helpers: read an SR back with dcmjs (an independent parse of the written bytes) and walk its content
 * tree; run dsrdump, dciodvfy and pydicom on it.
 */
import { spawnSync } from 'node:child_process';
import dcmjs from 'dcmjs';

export type Item = Record<string, unknown>;

/** dcmjs's naturalized dataset of Part 10 bytes. */
export function readSr(bytes: Uint8Array): Item {
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const file = dcmjs.data.DicomMessage.readFile(ab);
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict);
}

/** Items of a naturalized sequence (dcmjs gives arrays; a lone item as an object in some versions). */
export function seq(v: unknown): Item[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as Item[];
}

export function kids(item: Item): Item[] {
  return seq(item.ContentSequence);
}

export interface CodeTuple {
  value: string;
  scheme: string;
  meaning: string;
}

function tuple(v: unknown): CodeTuple | undefined {
  const c = seq(v)[0];
  if (!c) return undefined;
  return {
    value: String(c.CodeValue),
    scheme: String(c.CodingSchemeDesignator),
    meaning: String(c.CodeMeaning),
  };
}

/** Concept name meaning of a content item. */
export function nameOf(item: Item): string {
  return tuple(item.ConceptNameCodeSequence)?.meaning ?? '';
}

export function conceptOf(item: Item): CodeTuple | undefined {
  return tuple(item.ConceptCodeSequence);
}

/** Children of `item` whose concept name meaning is `meaning`. */
export function named(item: Item, meaning: string): Item[] {
  return kids(item).filter((k) => nameOf(k) === meaning);
}

export function one(item: Item, meaning: string): Item {
  const found = named(item, meaning);
  if (found.length !== 1) throw new Error(`expected one "${meaning}", found ${found.length}`);
  return found[0];
}

/** The measurement groups under Imaging Measurements. */
export function measurementGroups(root: Item): Item[] {
  return named(one(root, 'Imaging Measurements'), 'Measurement Group');
}

/** Every code (concept names and values) anywhere in the dataset. */
export function allCodes(v: unknown, out: CodeTuple[] = []): CodeTuple[] {
  if (Array.isArray(v)) v.forEach((x) => allCodes(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Item;
    if (typeof o.CodeValue === 'string' && typeof o.CodingSchemeDesignator === 'string')
      out.push({ value: o.CodeValue, scheme: o.CodingSchemeDesignator, meaning: String(o.CodeMeaning) });
    for (const x of Object.values(o)) if (typeof x === 'object') allCodes(x, out);
  }
  return out;
}

/** Run a tool; stdout+stderr and the exit status. */
export function run(bin: string, args: readonly string[], input?: string): { status: number; text: string } {
  const r = spawnSync(bin, args, { encoding: 'utf8', input });
  return { status: r.status ?? -1, text: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** dciodvfy's Error lines (warnings are returned apart). */
export function dciodvfy(file: string): { errors: string[]; warnings: string[] } {
  const lines = run('dciodvfy', [file]).text.split('\n');
  return {
    errors: lines.filter((l) => l.startsWith('Error')),
    warnings: lines.filter((l) => l.startsWith('Warning')),
  };
}

/** The interpreter with pydicom (Debian's), see shared/environment.md. */
export const PYTHON = '/usr/bin/python3';

/**
 * Every (value, scheme) of `codes` in a standard scheme checked against pydicom's copy of the PS3.16 code
 * dictionaries: returns the codes it does not hold with that meaning (value, scheme and pydicom's meaning).
 */
export function codesUnknownToPydicom(codes: readonly CodeTuple[]): string[] {
  const script = `
import json, sys
from pydicom.sr._concepts_dict import concepts
bad = []
for c in json.load(sys.stdin):
    scheme = concepts.get(c['scheme'], {})
    meanings = [m for kw in scheme.values() for code, (m, cids) in kw.items() if code == c['value']]
    if not meanings or c['meaning'].lower() not in [m.lower() for m in meanings]:
        bad.append(f"{c['value']} {c['scheme']} {c['meaning']!r} (pydicom: {meanings})")
print(json.dumps(bad))
`;
  const r = run(PYTHON, ['-c', script], JSON.stringify(codes));
  if (r.status !== 0) throw new Error(`pydicom check failed: ${r.text}`);
  return JSON.parse(r.text) as string[];
}
