/**
 * DICOMweb operations on a node: echo (a one-study QIDO-RS), QIDO-RS study and series queries, WADO-RS
 * retrieve of one series as Part 10 instances, STOW-RS send. Plain Node; never imports electron.
 */
import { AppError } from '../../shared/errors';
import { dicomWebRequest } from './dicomWebHttp';
import {
  jsonItems,
  jsonNumber,
  jsonString,
  jsonStrings,
  parseDicomJsonArray,
  TAG,
  type DicomJson,
} from './dicomJson';
import { buildDicomMultipart, multipartBoundary, splitMultipart } from './multipart';
import { nodeLabel, type DicomWebNode } from './nodeConfig';
import { pacsFailed } from './pacsErrors';
import type { PacsSeries, PacsStudy, StudyQuery } from './queryTypes';

const JSON_ACCEPT = 'application/dicom+json, application/json';
/** Instances as stored (transfer-syntax=*), so pixel data arrive byte for byte as the PACS holds them. */
const DICOM_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

async function qido(
  node: DicomWebNode,
  path: string,
  step: string,
  signal?: AbortSignal,
): Promise<DicomJson[]> {
  const r = await dicomWebRequest(node, { path, accept: JSON_ACCEPT, step, signal });
  if (r.status === 404) return [];
  const rows = parseDicomJsonArray(r.body.toString('utf8'));
  if (!rows) throw pacsFailed(node, `the answer to ${step} is not DICOM JSON`);
  return rows;
}

/** Verify the node answers DICOMweb with our credentials; resolves with the round-trip time, ms. */
export async function dicomWebEcho(node: DicomWebNode, signal?: AbortSignal): Promise<number> {
  const t0 = performance.now();
  await qido(node, '/studies?limit=1', 'echoing (a one-study QIDO-RS query)', signal);
  return performance.now() - t0;
}

function studyParams(q: StudyQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.patientId) p.set('PatientID', q.patientId);
  if (q.patientName) p.set('PatientName', q.patientName);
  if (q.studyDate) p.set('StudyDate', q.studyDate);
  if (q.accessionNumber) p.set('AccessionNumber', q.accessionNumber);
  if (q.studyInstanceUid) p.set('StudyInstanceUID', q.studyInstanceUid);
  if (q.modality !== '') p.set('ModalitiesInStudy', q.modality ?? 'MR');
  for (const t of [TAG.StudyDescription, TAG.ModalitiesInStudy, TAG.NumberOfStudyRelatedSeries])
    p.append('includefield', t);
  return p;
}

function seriesOf(row: DicomJson): PacsSeries {
  return {
    seriesInstanceUid: jsonString(row, TAG.SeriesInstanceUID),
    modality: jsonString(row, TAG.Modality),
    seriesDescription: jsonString(row, TAG.SeriesDescription),
    seriesNumber: jsonString(row, TAG.SeriesNumber),
    instanceCount: jsonNumber(row, TAG.NumberOfSeriesRelatedInstances) || 0,
  };
}

/** The series of one study (QIDO-RS /studies/{uid}/series). */
export async function dicomWebSeries(
  node: DicomWebNode,
  studyUid: string,
  signal?: AbortSignal,
): Promise<PacsSeries[]> {
  const rows = await qido(
    node,
    `/studies/${encodeURIComponent(studyUid)}/series?includefield=${TAG.NumberOfSeriesRelatedInstances}&includefield=${TAG.SeriesDescription}`,
    'listing the series of a study',
    signal,
  );
  return rows.map(seriesOf).sort((a, b) => Number(a.seriesNumber) - Number(b.seriesNumber));
}

/** Studies matching `q`, each with its series (QIDO-RS). */
export async function dicomWebQuery(
  node: DicomWebNode,
  q: StudyQuery,
  signal?: AbortSignal,
): Promise<PacsStudy[]> {
  const rows = await qido(node, `/studies?${studyParams(q).toString()}`, 'querying studies', signal);
  const studies: PacsStudy[] = [];
  for (const row of rows) {
    const studyInstanceUid = jsonString(row, TAG.StudyInstanceUID);
    const series = await dicomWebSeries(node, studyInstanceUid, signal);
    studies.push({
      studyInstanceUid,
      patientId: jsonString(row, TAG.PatientID),
      patientName: jsonString(row, TAG.PatientName),
      studyDate: jsonString(row, TAG.StudyDate),
      accessionNumber: jsonString(row, TAG.AccessionNumber),
      studyDescription: jsonString(row, TAG.StudyDescription),
      modalities: jsonStrings(row, TAG.ModalitiesInStudy),
      seriesCount: jsonNumber(row, TAG.NumberOfStudyRelatedSeries) || series.length,
      series,
    });
  }
  return studies;
}

/** Every instance of one series as Part 10 bytes (WADO-RS); a cut-off answer is PACS_FAILED. */
export async function dicomWebRetrieveSeries(
  node: DicomWebNode,
  studyUid: string,
  seriesUid: string,
  opts: { signal?: AbortSignal; onBytes?: (received: number) => void },
): Promise<Buffer[]> {
  const step = `retrieving series ${seriesUid} (WADO-RS)`;
  const r = await dicomWebRequest(node, {
    path: `/studies/${encodeURIComponent(studyUid)}/series/${encodeURIComponent(seriesUid)}`,
    accept: DICOM_ACCEPT,
    step,
    ...opts,
  });
  if (r.status === 404)
    throw new AppError(
      'NOT_FOUND',
      `${nodeLabel(node)} no longer has series ${seriesUid} of study ${studyUid}.`,
    );
  const boundary = multipartBoundary(r.contentType);
  const parts = boundary ? splitMultipart(r.body, boundary) : undefined;
  if (!parts)
    throw pacsFailed(
      node,
      `the answer to ${step} was cut off or is not multipart (${r.contentType ?? 'no type'})`,
    );
  return parts.map((p) => p.body);
}

export interface SendOutcome {
  stored: string[];
  failed: Array<{ sopInstanceUid: string; reason: string }>;
}

/** STOW-RS the Part 10 `instances` into their study; what the node stored and refused (PS3.18 10.5.3). */
export async function dicomWebStore(
  node: DicomWebNode,
  instances: readonly Uint8Array[],
  signal?: AbortSignal,
): Promise<SendOutcome> {
  const { contentType, body } = buildDicomMultipart(instances);
  const r = await dicomWebRequest(node, {
    path: '/studies',
    method: 'POST',
    accept: JSON_ACCEPT,
    body,
    contentType,
    step: 'storing (STOW-RS)',
    signal,
  });
  if (r.status === 404)
    throw pacsFailed(node, 'the URL has no STOW-RS service (404); check the DICOMweb base URL');
  let answer: DicomJson = {};
  try {
    answer = r.body.length ? (JSON.parse(r.body.toString('utf8')) as DicomJson) : {};
  } catch {
    throw pacsFailed(node, 'the STOW-RS answer is not DICOM JSON');
  }
  return {
    stored: jsonItems(answer, TAG.ReferencedSOPSequence).map((i) =>
      jsonString(i, TAG.ReferencedSOPInstanceUID),
    ),
    failed: jsonItems(answer, TAG.FailedSOPSequence).map((i) => ({
      sopInstanceUid: jsonString(i, TAG.ReferencedSOPInstanceUID),
      reason: `failure reason ${jsonString(i, TAG.FailureReason) || 'not given'}`,
    })),
  };
}
