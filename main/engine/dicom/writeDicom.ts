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

/**
 * Deterministic UID under the 2.25 root (UUID-derived OID, PS3.5 B.2) from any seed text:
 * the same seed always gives the same UID, so phantom files are byte-identical per seed.
 */
export function uidFromSeed(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex').slice(0, 32);
  return `2.25.${BigInt('0x' + hex).toString(10)}`;
}

/**
 * Serialise a naturalized dataset to Part 10 bytes. VRs that dcmjs cannot infer (PixelData is OW for
 * 16-bit data) are given through `vrOverrides`.
 */
export function writeDicomPart10(
  dataset: NaturalDataset,
  vrOverrides: Record<string, string> = { PixelData: 'OW' },
): Buffer {
  const sopClassUid = String(dataset.SOPClassUID ?? MR_IMAGE_STORAGE);
  const sopInstanceUid = String(dataset.SOPInstanceUID ?? '');
  if (!sopInstanceUid) throw new Error('writeDicomPart10: SOPInstanceUID is required');
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  };
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset({ ...dataset, _vrMap: vrOverrides });
  return Buffer.from(dict.write());
}
