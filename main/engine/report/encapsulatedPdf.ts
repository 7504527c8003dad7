/**
 * Wraps the printed PDF as a DICOM Encapsulated PDF instance (PS3.3 A.45.1) for sending to PACS, written with
 * dcmjs through the project's Part 10 writer. Plain Node; never imports electron.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AnalysisRecord, StudyInfo } from '../../shared/analysis';
import { uidFromSeed, writeDicomPart10 } from '../dicom/writeDicom';
import { sha256Hex } from '../sha256';

/** (0008,0016) Encapsulated PDF Storage. */
export const ENCAPSULATED_PDF_STORAGE = '1.2.840.10008.5.1.4.1.1.104.1';

function dicomDateTime(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  const s = (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString();
  return { date: s.slice(0, 10).replace(/-/g, ''), time: s.slice(11, 19).replace(/:/g, '') };
}

/**
 * The Part 10 bytes of an Encapsulated PDF of `pdf` in the patient's study. UIDs derive from the analysis and
 * the PDF's hash, so the same PDF always gives the same instance. (0042,0011) is padded to even length with a
 * zero byte, and (0042,0015) Encapsulated Document Length gives the true length.
 */
export function encapsulatedPdfBytes(
  pdf: Uint8Array,
  study: StudyInfo,
  analysis: AnalysisRecord,
  createdAt: string,
): Buffer {
  const digest = sha256Hex(pdf);
  const { date, time } = dicomDateTime(createdAt);
  const padded = new Uint8Array(pdf.length + (pdf.length % 2));
  padded.set(pdf);
  const dataset = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: ENCAPSULATED_PDF_STORAGE,
    SOPInstanceUID: uidFromSeed(`spinegrade-encapsulated-pdf:${analysis.analysisId}:${digest}`),
    PatientName: study.patientName,
    PatientID: study.patientId,
    PatientBirthDate: study.patientBirthDate,
    PatientSex: study.patientSex,
    StudyInstanceUID: study.studyInstanceUid,
    StudyDate: study.studyDate,
    StudyTime: '',
    ReferringPhysicianName: '',
    StudyID: '',
    AccessionNumber: study.accessionNumber,
    StudyDescription: study.studyDescription,
    Modality: 'DOC',
    SeriesInstanceUID: uidFromSeed(`spinegrade-report-series:${analysis.analysisId}`),
    SeriesNumber: 9901,
    SeriesDescription: 'SpineGrade structured summary',
    Manufacturer: 'SpineGrade',
    SoftwareVersions: analysis.appVersion,
    InstitutionName: study.institutionName,
    ConversionType: 'WSD',
    InstanceNumber: 1,
    ContentDate: date,
    ContentTime: time,
    AcquisitionDateTime: `${date}${time}`,
    BurnedInAnnotation: 'YES',
    DocumentTitle: 'Lumbar spine MRI structured findings summary',
    ConceptNameCodeSequence: [
      { CodeValue: '18748-4', CodingSchemeDesignator: 'LN', CodeMeaning: 'Diagnostic imaging report' },
    ],
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocument: [padded.buffer],
    EncapsulatedDocumentLength: pdf.length,
  };
  return writeDicomPart10(dataset, { EncapsulatedDocument: 'OB' });
}

/** Where the Encapsulated PDF of `pdfFile` goes: same folder and name, extension .dcm. */
export function encapsulatedPdfPathBeside(pdfFile: string): string {
  return path.join(path.dirname(pdfFile), `${path.basename(pdfFile, path.extname(pdfFile))}.dcm`);
}

/** Write the Encapsulated PDF beside `pdfFile` (same name, .dcm), atomically; returns its path. */
export async function writeEncapsulatedPdfBeside(
  pdfFile: string,
  study: StudyInfo,
  analysis: AnalysisRecord,
  createdAt: string,
): Promise<string> {
  const out = encapsulatedPdfPathBeside(pdfFile);
  const bytes = encapsulatedPdfBytes(await fs.readFile(pdfFile), study, analysis, createdAt);
  const tmp = `${out}.${process.pid}.tmp`;
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, out);
  return out;
}
