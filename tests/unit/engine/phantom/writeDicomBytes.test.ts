import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION_NAME,
  MR_IMAGE_STORAGE,
  writeDicomPart10,
  type NaturalDataset,
} from '../../../../main/engine/dicom/writeDicom';

/** What dcmjs writes for the dataset in one go (the writer before its pixel-data fast path). */
function dcmjsInOneGo(dataset: NaturalDataset, vrOverrides: Record<string, string>): Buffer {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const dict = new DicomDict(
    DicomMetaDictionary.denaturalizeDataset({
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: String(dataset.SOPClassUID ?? MR_IMAGE_STORAGE),
      MediaStorageSOPInstanceUID: String(dataset.SOPInstanceUID),
      TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
      ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
      ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
    }),
  );
  dict.dict = DicomMetaDictionary.denaturalizeDataset({ ...dataset, _vrMap: vrOverrides });
  return Buffer.from(dict.write());
}

function image(rows: number, cols: number, seed: number): NaturalDataset {
  const pixels = new Uint16Array(rows * cols);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761 + seed) % 4096;
  return {
    SOPClassUID: MR_IMAGE_STORAGE,
    SOPInstanceUID: `2.25.${1000 + seed}`,
    Modality: 'MR',
    PatientName: 'PHANTOM^BYTES',
    InstanceNumber: seed,
    ImagePositionPatient: [-12.5, 100.25, seed * 4],
    Rows: rows,
    Columns: cols,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    WindowCenter: 900,
    WindowWidth: 1800,
    PixelData: [pixels.buffer],
  };
}

describe('writeDicomPart10 bytes', () => {
  it('writes native OW pixel data exactly as dcmjs does in one go, for several matrix sizes', () => {
    for (const [rows, cols, seed] of [
      [64, 48, 1],
      [256, 256, 2],
      [320, 288, 3],
      [1, 1, 4],
    ]) {
      const ds = image(rows, cols, seed);
      const out = writeDicomPart10(ds);
      expect(out.equals(dcmjsInOneGo(ds, { PixelData: 'OW' }))).toBe(true);
      // the pixel values sit at the end, behind a 12-byte explicit-VR header with a 32-bit length
      expect(out.readUInt32LE(out.length - rows * cols * 2 - 4)).toBe(rows * cols * 2);
    }
  });

  it('matches dcmjs for OB pixel data, odd lengths and elements after Pixel Data (no fast path)', () => {
    const ob = { ...image(16, 16, 5), BitsAllocated: 8, PixelData: [new Uint8Array(256).fill(7).buffer] };
    expect(writeDicomPart10(ob, { PixelData: 'OB' }).equals(dcmjsInOneGo(ob, { PixelData: 'OB' }))).toBe(
      true,
    );
    const odd = { ...image(1, 1, 6), BitsAllocated: 8, PixelData: [new Uint8Array([1, 2, 3]).buffer] };
    expect(writeDicomPart10(odd, { PixelData: 'OB' }).equals(dcmjsInOneGo(odd, { PixelData: 'OB' }))).toBe(
      true,
    );
    const trailing = { ...image(8, 8, 7), DataSetTrailingPadding: new Uint8Array([0, 0]).buffer };
    const vr = { PixelData: 'OW', DataSetTrailingPadding: 'OB' };
    const out = writeDicomPart10(trailing, vr);
    expect(out.equals(dcmjsInOneGo(trailing, vr))).toBe(true);
    expect(out.subarray(out.length - 14, out.length - 10)).toEqual(Buffer.from([0xfc, 0xff, 0xfc, 0xff]));
  });

  it('reuses elements only for the same tag, VR and value (series of instances, -0, names, sequences)', () => {
    const series = Array.from({ length: 6 }, (_, k) => ({
      ...image(32, 32, 20 + k),
      SeriesDescription: k < 3 ? 'T2 SAG' : 'T1 SAG',
      SliceLocation: [0, -0, 1.5, -1.5, 0, 1e-7][k],
      PixelSpacing: [0.5, k % 2 ? 0.25 : 0.5],
      PatientName: k % 2 ? 'PHANTOM^JANE' : 'PHANTOM^JOHN',
      ReferringPhysicianName: '',
    }));
    for (const ds of [...series, ...series.slice().reverse()])
      expect(writeDicomPart10(ds).equals(dcmjsInOneGo(ds, { PixelData: 'OW' }))).toBe(true);
    const withSequence = {
      ...image(4, 4, 30),
      ReferencedImageSequence: [
        { ReferencedSOPClassUID: MR_IMAGE_STORAGE, ReferencedSOPInstanceUID: '2.25.9' },
      ],
    };
    for (let i = 0; i < 2; i++) {
      const out = writeDicomPart10(withSequence);
      expect(out.equals(dcmjsInOneGo(withSequence, { PixelData: 'OW' }))).toBe(true);
    }
  });

  it('leaves the caller dataset intact (Pixel Data still present after writing)', () => {
    const ds = image(8, 8, 8);
    writeDicomPart10(ds);
    expect((ds.PixelData as ArrayBuffer[])[0].byteLength).toBe(128);
  });
});
