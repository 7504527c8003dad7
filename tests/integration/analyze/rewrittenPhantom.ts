/**
 * Test helper: a phantom study whose DICOM headers (and optionally pixels) are rewritten file by file on
 * the way to disk, read and written back with dcmjs: studies that are not the lumbar spine, built from the
 * phantom's own headers (scanner, patient, geometry). Never imports electron.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { writeDicomPart10, type NaturalDataset } from '../../../main/engine/dicom/writeDicom';
import { generateStudy, type StudyRecord } from '../../../main/engine/phantom/study';

export type PhantomFileRole = 'sagittal T1' | 'sagittal T2' | 'axial T2';

/** Returns the dataset to write (edited in place or new), or null to leave the file out. */
export type HeaderEdit = (ds: NaturalDataset, role: PhantomFileRole) => NaturalDataset | null;

function roleOf(ds: NaturalDataset): PhantomFileRole {
  const iop = ds.ImageOrientationPatient as number[];
  const normalX = iop[1] * iop[5] - iop[2] * iop[4];
  if (Math.abs(normalX) < Math.SQRT1_2) return 'axial T2';
  return Number(ds.RepetitionTime) < 1000 ? 'sagittal T1' : 'sagittal T2';
}

/**
 * Write phantom study `studyIndex` of `seed` under dir (RSNA layout), each file through `edit`; returns the
 * generator's record of the study (its ground truth and label coordinates).
 */
export function writeRewrittenPhantom(
  dir: string,
  seed: string,
  edit: HeaderEdit,
  studyIndex = 0,
): StudyRecord {
  return generateStudy({ seed, studyIndex, missingRole: 'none', maxMatrix: 256 }, (rel, bytes) => {
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const file = dcmjs.data.DicomMessage.readFile(ab);
    const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict) as NaturalDataset;
    const out = edit(ds, roleOf(ds));
    if (!out) return;
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, writeDicomPart10(out, { PixelData: 'OW' }));
  });
}

/**
 * Pixels of a head-like sagittal slice of the dataset's matrix: a bright scalp ring around a textured
 * brain-like ellipse on a dark background (stored values within 12 bits), nothing like a spine.
 */
export function headLikePixels(ds: NaturalDataset): ArrayBuffer {
  const rows = Number(ds.Rows);
  const cols = Number(ds.Columns);
  const px = new Uint16Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const x = (c - cols / 2) / (cols * 0.38);
      const y = (r - rows / 2) / (rows * 0.33);
      const d = x * x + y * y;
      const brain = 600 + 200 * Math.sin(c * 0.3) * Math.cos(r * 0.21);
      px[r * cols + c] = Math.round(d < 0.8 ? brain : d < 1 ? 1400 : 40);
    }
  return px.buffer;
}
