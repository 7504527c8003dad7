/**
 * Writes DICOM Part 10 files with dcmjs from a naturalized dataset (the one real writer of the project:
 * phantoms and header-variant fixtures both go through it); every byte is dcmjs's, some cached from earlier
 * writes. Plain Node; never imports electron.
 */
import { createHash } from 'node:crypto';
import dcmjs from 'dcmjs';

/** Explicit VR Little Endian, the transfer syntax this writer emits. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** (0008,0016) MR Image Storage. */
export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
export const IMPLEMENTATION_CLASS_UID = '2.25.276019348112553413940473165338291640714';
export const IMPLEMENTATION_VERSION_NAME = 'SPINEGRADE_0_1';

/** A dcmjs naturalized dataset: keyword -> value (PixelData as ArrayBuffer[]). */
export type NaturalDataset = Record<string, unknown>;

/** (7FE0,0010) Pixel Data as dcmjs keys its denaturalized datasets. */
const PIXEL_DATA_TAG = '7FE00010';
/** Element header of a native (7FE0,0010) in Explicit VR Little Endian: tag, VR, 2 reserved, 32-bit length. */
const PIXEL_HEADER_BYTES = 12;
const pixelHeaders = new Map<string, Buffer>();
/** VRs written with 2 reserved bytes and a 32-bit length in Explicit VR (PS3.5 7.1.2); dcmjs writes OL/OV/SV as UN. */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
/** dcmjs's bytes of single elements it has written, keyed by tag, VR and value (see {@link elementKey}). */
const elementBytes = new Map<string, Buffer>();
const MAX_CACHED_ELEMENTS = 4096;

type DicomDict = InstanceType<typeof dcmjs.data.DicomDict>;

/**
 * Deterministic UID under the 2.25 root (UUID-derived OID, PS3.5 B.2) from any seed text:
 * the same seed always gives the same UID, so phantom files are byte-identical per seed.
 */
export function uidFromSeed(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex').slice(0, 32);
  return `2.25.${BigInt('0x' + hex).toString(10)}`;
}

function fileMeta(sopClassUid: string, sopInstanceUid: string): Record<string, unknown> {
  return dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  });
}

/**
 * The native Pixel Data of a denaturalized dataset when it can be written as dcmjs's bytes of the rest
 * followed by the element's header and the raw values: one even-length ArrayBuffer, VR OW or OB, and
 * (7FE0,0010) the last element (dcmjs writes elements in tag order). Otherwise undefined.
 */
function trailingPixelData(dict: Record<string, unknown>): { vr: string; data: ArrayBuffer } | undefined {
  const element = dict[PIXEL_DATA_TAG] as { vr?: unknown; Value?: unknown } | undefined;
  if (!element || (element.vr !== 'OW' && element.vr !== 'OB')) return undefined;
  const value = element.Value;
  if (!Array.isArray(value) || value.length !== 1 || !(value[0] instanceof ArrayBuffer)) return undefined;
  const data = value[0];
  if (data.byteLength % 2 !== 0) return undefined;
  if (Object.keys(dict).some((tag) => tag > PIXEL_DATA_TAG)) return undefined;
  return { vr: element.vr, data };
}

/** dcmjs's header bytes of a native Pixel Data element of this VR and length (written once, then cached). */
function pixelElementHeader(vr: string, byteLength: number): Buffer {
  const key = `${vr}/${byteLength}`;
  const cached = pixelHeaders.get(key);
  if (cached) return cached;
  const probe = new dcmjs.data.DicomDict(fileMeta(MR_IMAGE_STORAGE, '2.25.0'));
  probe.dict = { [PIXEL_DATA_TAG]: { vr, Value: [new ArrayBuffer(byteLength)] } };
  const bytes = Buffer.from(probe.write());
  const start = bytes.length - byteLength - PIXEL_HEADER_BYTES;
  const header = Buffer.from(bytes.subarray(start, start + PIXEL_HEADER_BYTES));
  if (pixelHeaders.size >= 64) pixelHeaders.clear();
  pixelHeaders.set(key, header);
  return header;
}

/**
 * Cache key of a denaturalized element ({ vr, Value } of text, numbers or names), or undefined for
 * anything else (binary values, sequences, raw values): those are always written afresh.
 */
function elementKey(tag: string, item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const fields = Object.keys(item);
  const { vr, Value } = item as { vr?: unknown; Value?: unknown };
  if (typeof vr !== 'string' || vr === 'SQ' || fields.length !== 2 || !('Value' in item)) return undefined;
  let plain = true;
  const text = JSON.stringify(Value, (_key, v: unknown) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) plain = false;
      return Object.is(v, -0) ? '\u0000-0' : v;
    }
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) plain = false;
    return v;
  });
  return plain && text !== undefined ? `${tag}|${vr}|${text}` : undefined;
}

/** Offset of the first data set element: after the 128-byte preamble, "DICM" and the (0002,xxxx) group. */
function datasetStart(file: Buffer): number | undefined {
  if (
    file.length < 144 ||
    file.readUInt32LE(132) !== 0x00000002 ||
    file.toString('latin1', 136, 138) !== 'UL'
  )
    return undefined;
  return 144 + file.readUInt32LE(140);
}

/** Explicit VR Little Endian elements from `start` to the end as [dcmjs tag key, bytes], or undefined. */
function splitElements(file: Buffer, start: number): Array<[string, Buffer]> | undefined {
  const out: Array<[string, Buffer]> = [];
  for (let p = start; p < file.length;) {
    if (p + 8 > file.length) return undefined;
    const vr = file.toString('latin1', p + 4, p + 6);
    const long = LONG_VRS.has(vr);
    if (long && p + 12 > file.length) return undefined;
    const length = long ? file.readUInt32LE(p + 8) : file.readUInt16LE(p + 6);
    const end = p + (long ? 12 : 8) + length;
    if (length === 0xffffffff || end > file.length) return undefined;
    const tag = ((file.readUInt16LE(p) << 16) | file.readUInt16LE(p + 2)) >>> 0;
    out.push([tag.toString(16).toUpperCase().padStart(8, '0'), file.subarray(p, end)]);
    p = end;
  }
  return out;
}

/**
 * dcmjs's Part 10 bytes of `dict`. Elements dcmjs has already written with the same tag, VR and value (the
 * study and series attributes shared by a series' instances) are reused: dcmjs writes the file meta and the
 * other elements, and the elements are put together in dcmjs's order (ascending tag key). Each element's
 * encoding depends only on itself; if dcmjs's output does not split as expected, dcmjs writes it all.
 */
function writeWithElementCache(dict: DicomDict): Buffer {
  const all = dict.dict;
  const bytesOf = new Map<string, Buffer>();
  const fresh: Record<string, unknown> = {};
  const keys = new Map<string, string>();
  for (const tag of Object.keys(all)) {
    const key = elementKey(tag, all[tag]);
    const hit = key === undefined ? undefined : elementBytes.get(key);
    if (hit) bytesOf.set(tag, hit);
    else {
      fresh[tag] = all[tag];
      if (key !== undefined) keys.set(tag, key);
    }
  }
  dict.dict = fresh;
  const written = Buffer.from(dict.write());
  dict.dict = all;
  const start = datasetStart(written);
  const parts = start === undefined ? undefined : splitElements(written, start);
  const freshTags = Object.keys(fresh).sort();
  if (!parts || parts.length !== freshTags.length || parts.some(([tag], i) => tag !== freshTags[i]))
    // Nothing was taken from the cache: the first write already holds every element.
    return bytesOf.size === 0 ? written : Buffer.from(dict.write());
  if (elementBytes.size + parts.length > MAX_CACHED_ELEMENTS) elementBytes.clear();
  for (const [tag, bytes] of parts) {
    const key = keys.get(tag);
    if (key !== undefined) elementBytes.set(key, Buffer.from(bytes));
    bytesOf.set(tag, bytes);
  }
  const ordered = Object.keys(all)
    .sort()
    .map((tag) => bytesOf.get(tag) ?? Buffer.alloc(0));
  return Buffer.concat([written.subarray(0, start), ...ordered]);
}

/**
 * Serialise a naturalized dataset to Part 10 bytes. VRs that dcmjs cannot infer (PixelData is OW for
 * 16-bit data) are given through `vrOverrides`. The bytes are those of dcmjs writing the dataset in one go;
 * two shortcuts avoid repeating dcmjs's slow per-element work: elements it wrote before with the same value
 * are reused, and native pixel data (the last element) is appended behind dcmjs's own element header
 * instead of being copied through dcmjs's small buffer chunks.
 */
export function writeDicomPart10(
  dataset: NaturalDataset,
  vrOverrides: Record<string, string> = { PixelData: 'OW' },
): Buffer {
  const sopClassUid = String(dataset.SOPClassUID ?? MR_IMAGE_STORAGE);
  const sopInstanceUid = String(dataset.SOPInstanceUID ?? '');
  if (!sopInstanceUid) throw new Error('writeDicomPart10: SOPInstanceUID is required');
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const dict = new DicomDict(fileMeta(sopClassUid, sopInstanceUid));
  dict.dict = DicomMetaDictionary.denaturalizeDataset({ ...dataset, _vrMap: vrOverrides });
  const pixels = trailingPixelData(dict.dict);
  if (!pixels) return writeWithElementCache(dict);
  delete dict.dict[PIXEL_DATA_TAG];
  const head = writeWithElementCache(dict);
  return Buffer.concat([
    head,
    pixelElementHeader(pixels.vr, pixels.data.byteLength),
    Buffer.from(pixels.data),
  ]);
}
