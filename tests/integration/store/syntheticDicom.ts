/**
 * Writes small real MR DICOM series (dcmjs, via the project writer) matching the store fixtures' series UIDs,
 * so export can re-import them for key images. Tests the store/report path, not the importer's breadth.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MR_IMAGE_STORAGE, writeDicomPart10 } from '../../../main/engine/dicom/writeDicom';
import type { StudyInfo } from '../../../main/shared/analysis';
import { AXIAL_UID, SAG_T2_UID } from '../../unit/engine/store/fixtures';

interface SeriesSpec {
  uid: string;
  description: string;
  number: number;
  cols: number;
  rows: number;
  slices: number;
  orientation: number[];
  position: (k: number) => number[];
}

const SERIES: SeriesSpec[] = [
  {
    uid: SAG_T2_UID,
    description: 'Sagittal T2/STIR',
    number: 2,
    cols: 64,
    rows: 80,
    slices: 9,
    orientation: [0, 1, 0, 0, 0, -1],
    position: (k) => [-16 + 4 * k, -20, 40],
  },
  {
    uid: AXIAL_UID,
    description: 'Axial T2',
    number: 3,
    cols: 64,
    rows: 64,
    slices: 10,
    orientation: [1, 0, 0, 0, 1, 0],
    position: (k) => [-25, -25, -120 + 15 * k],
  },
];

/** Write both series under `dir`; returns every file with its SOP Instance UID per series. */
export function writeSyntheticStudy(
  dir: string,
  study: StudyInfo,
): Array<{ spec: SeriesSpec; files: Array<{ sop: string; file: string }> }> {
  return SERIES.map((spec) => {
    const folder = path.join(dir, String(spec.number));
    mkdirSync(folder, { recursive: true });
    const files = Array.from({ length: spec.slices }, (_, k) => {
      const pixels = new Uint16Array(spec.cols * spec.rows);
      for (let j = 0; j < spec.rows; j += 1)
        for (let i = 0; i < spec.cols; i += 1)
          pixels[j * spec.cols + i] = 200 + ((i * 7 + j * 3 + k * 11) % 400);
      const sop = `${spec.uid}.${k + 1}`;
      const bytes = writeDicomPart10({
        SOPClassUID: MR_IMAGE_STORAGE,
        SOPInstanceUID: sop,
        StudyInstanceUID: study.studyInstanceUid,
        SeriesInstanceUID: spec.uid,
        FrameOfReferenceUID: `${study.studyInstanceUid}.9`,
        Modality: 'MR',
        PatientName: study.patientName,
        PatientID: study.patientId,
        PatientBirthDate: study.patientBirthDate,
        PatientSex: study.patientSex,
        StudyDate: study.studyDate,
        AccessionNumber: study.accessionNumber,
        StudyDescription: study.studyDescription,
        InstitutionName: study.institutionName,
        BodyPartExamined: 'LSPINE',
        SeriesDescription: spec.description,
        SeriesNumber: spec.number,
        InstanceNumber: k + 1,
        ImageOrientationPatient: spec.orientation,
        ImagePositionPatient: spec.position(k),
        PixelSpacing: [0.6, 0.8],
        SliceThickness: 4,
        Rows: spec.rows,
        Columns: spec.cols,
        SamplesPerPixel: 1,
        PhotometricInterpretation: 'MONOCHROME2',
        BitsAllocated: 16,
        BitsStored: 16,
        HighBit: 15,
        PixelRepresentation: 0,
        PixelData: [pixels.buffer],
      });
      const file = path.join(folder, `${k + 1}.dcm`);
      writeFileSync(file, bytes);
      return { sop, file };
    });
    return { spec, files };
  });
}
