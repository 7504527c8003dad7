/**
 * The documents a PACS send carries for one stored analysis: the DICOM Encapsulated PDF of its printed
 * summary (a preliminary one titled as such) and, when the SR writer is given, its DICOM SR.
 * Plain Node; never imports electron.
 */
import { mkdtempSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { AppError } from '../../shared/errors';
import { storedReport } from '../analysis/storedStudy';
import { writeDicomPart10 } from '../dicom/writeDicom';
import { encapsulatedPdfBytes } from '../report/encapsulatedPdf';
import { printReportPdf } from '../report/printReportPdf';
import type { Store } from '../store/store';

/** One DICOM instance to send. */
export interface OutgoingDocument {
  kind: 'sr' | 'encapsulated-pdf';
  sopInstanceUid: string;
  bytes: Buffer;
}

/** Builds the SR of a stored analysis (main/engine/report/sr). */
export type SrBuilder = (
  store: Store,
  analysisId: string,
) => Promise<{ bytes: Uint8Array; sopInstanceUid: string }>;

/** (0042,0010) Document Title prefix of a summary sent before sign-off. */
export const PRELIMINARY_TITLE_PREFIX = 'PRELIMINARY, NOT SIGNED: ';

function arrayBufferOf(bytes: Buffer): ArrayBuffer {
  const ab = new ArrayBuffer(bytes.length);
  new Uint8Array(ab).set(bytes);
  return ab;
}

function markPreliminary(part10: Buffer): Buffer {
  const { dict } = dcmjs.data.DicomMessage.readFile(arrayBufferOf(part10));
  const natural = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict);
  natural.DocumentTitle = `${PRELIMINARY_TITLE_PREFIX}${String(natural.DocumentTitle ?? '')}`;
  delete natural._vrMap;
  return writeDicomPart10(natural, { EncapsulatedDocument: 'OB' });
}

function sopUidOf(part10: Buffer): string {
  const { meta } = dcmjs.data.DicomMessage.readFile(arrayBufferOf(part10));
  const v = (meta['00020003'] as { Value?: unknown[] } | undefined)?.Value?.[0];
  return String(v ?? '');
}

/** The Encapsulated PDF of a stored analysis (printed with Chromium like `export --pdf`). */
export async function encapsulatedPdfOf(
  store: Store,
  analysisId: string,
  preliminary: boolean,
): Promise<OutgoingDocument> {
  const report = await storedReport(store, analysisId);
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-pacs-send-'));
  try {
    const pdfFile = path.join(dir, 'summary.pdf');
    await printReportPdf(report.html, pdfFile, { paper: 'A4' });
    const wrapped = encapsulatedPdfBytes(
      await fs.readFile(pdfFile),
      report.study,
      report.analysis,
      new Date().toISOString(),
    );
    const bytes = preliminary ? markPreliminary(wrapped) : wrapped;
    const sopInstanceUid = sopUidOf(bytes);
    if (!sopInstanceUid) throw new AppError('EXPORT_FAILED', 'The Encapsulated PDF has no SOP Instance UID.');
    return { kind: 'encapsulated-pdf', sopInstanceUid, bytes };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The SR (when `buildSr` is given) and the Encapsulated PDF of an analysis, in that order. */
export async function documentsToSend(
  store: Store,
  analysisId: string,
  o: { preliminary: boolean; buildSr?: SrBuilder },
): Promise<OutgoingDocument[]> {
  const docs: OutgoingDocument[] = [];
  if (o.buildSr) {
    const sr = await o.buildSr(store, analysisId);
    docs.push({ kind: 'sr', sopInstanceUid: sr.sopInstanceUid, bytes: Buffer.from(sr.bytes) });
  }
  docs.push(await encapsulatedPdfOf(store, analysisId, o.preliminary));
  return docs;
}
