/**
 * Writes DICOM Part 10 files with dcmjs from a naturalized dataset (the one real writer of the project:
 * phantoms and header-variant fixtures both go through it). Plain Node; never imports electron.
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
 * Serialise a naturalized dataset to Part 10 bytes. VRs that dcmjs cannot infer (PixelData is OW for
 * 16-bit data) are given through `vrOverrides`. Native pixel data (the last element) is appended after
 * dcmjs's bytes of the other elements, behind dcmjs's own element header: the same bytes as dcmjs writing
 * it in one go, without copying the values through dcmjs's small buffer chunks.
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
  if (!pixels) return Buffer.from(dict.write());
  delete dict.dict[PIXEL_DATA_TAG];
  const head = Buffer.from(dict.write());
  return Buffer.concat([
    head,
    pixelElementHeader(pixels.vr, pixels.data.byteLength),
    Buffer.from(pixels.data),
  ]);
}
