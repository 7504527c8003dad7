/**
 * DIMSE operations on a node (dcmjs-dimse SCU): C-ECHO, C-FIND (study and series level) and C-STORE.
 * Plain Node; never imports electron.
 */
import dimse from 'dcmjs-dimse';
import { checkStatus, runAssociation } from './dimseAssociation';
import type { DimseNode } from './nodeConfig';
import type { PacsSeries, PacsStudy, StudyQuery } from './queryTypes';

const { CEchoRequest, CFindRequest, CStoreRequest } = dimse.requests;
type Elements = Record<string, unknown>;

/** C-ECHO; resolves with the round-trip time, ms. */
export async function dimseEcho(node: DimseNode, signal?: AbortSignal): Promise<number> {
  const t0 = performance.now();
  const [r] = await runAssociation(node, [new CEchoRequest()], { step: 'echoing (C-ECHO)', signal });
  checkStatus(node, r, 'C-ECHO');
  return performance.now() - t0;
}

function text(e: Elements, key: string): string {
  const v = e[key];
  if (Array.isArray(v)) {
    const first: unknown = v[0];
    if (first && typeof first === 'object')
      return String((first as { Alphabetic?: unknown }).Alphabetic ?? '');
    return v.map(String).join('\\');
  }
  if (v && typeof v === 'object') return String((v as { Alphabetic?: unknown }).Alphabetic ?? '');
  return v === undefined || v === null ? '' : String(v);
}

async function find(
  node: DimseNode,
  request: InstanceType<typeof CFindRequest>,
  step: string,
  signal?: AbortSignal,
): Promise<Elements[]> {
  const rows: Elements[] = [];
  const [final] = await runAssociation(node, [request], {
    step,
    signal,
    onResponse: (response) => {
      const ds = response.hasDataset() ? response.getDataset() : undefined;
      if (ds && response.getStatus() !== 0) rows.push(ds.getElements());
    },
  });
  checkStatus(node, final, 'C-FIND');
  return rows;
}

/** The series of one study (C-FIND SERIES level). */
export async function dimseSeries(
  node: DimseNode,
  studyUid: string,
  signal?: AbortSignal,
): Promise<PacsSeries[]> {
  const request = CFindRequest.createSeriesFindRequest({
    StudyInstanceUID: studyUid,
    SeriesInstanceUID: '',
    Modality: '',
    SeriesDescription: '',
    SeriesNumber: '',
    NumberOfSeriesRelatedInstances: '',
  });
  const rows = await find(node, request, 'listing the series of a study (C-FIND)', signal);
  return rows
    .map((e) => ({
      seriesInstanceUid: text(e, 'SeriesInstanceUID'),
      modality: text(e, 'Modality'),
      seriesDescription: text(e, 'SeriesDescription'),
      seriesNumber: text(e, 'SeriesNumber'),
      instanceCount: Number(text(e, 'NumberOfSeriesRelatedInstances')) || 0,
    }))
    .sort((a, b) => Number(a.seriesNumber) - Number(b.seriesNumber));
}

/** Studies matching `q` (C-FIND STUDY level, Study Root), each with its series. */
export async function dimseQuery(node: DimseNode, q: StudyQuery, signal?: AbortSignal): Promise<PacsStudy[]> {
  const request = CFindRequest.createStudyFindRequest({
    StudyInstanceUID: q.studyInstanceUid ?? '',
    PatientID: q.patientId ?? '',
    PatientName: q.patientName ?? '',
    StudyDate: q.studyDate ?? '',
    AccessionNumber: q.accessionNumber ?? '',
    ModalitiesInStudy: q.modality ?? 'MR',
    StudyDescription: '',
    NumberOfStudyRelatedSeries: '',
  });
  const rows = await find(node, request, 'querying studies (C-FIND)', signal);
  const studies: PacsStudy[] = [];
  for (const e of rows) {
    const studyInstanceUid = text(e, 'StudyInstanceUID');
    const series = await dimseSeries(node, studyInstanceUid, signal);
    studies.push({
      studyInstanceUid,
      patientId: text(e, 'PatientID'),
      patientName: text(e, 'PatientName'),
      studyDate: text(e, 'StudyDate'),
      accessionNumber: text(e, 'AccessionNumber'),
      studyDescription: text(e, 'StudyDescription'),
      modalities: text(e, 'ModalitiesInStudy').split('\\').filter(Boolean),
      seriesCount: Number(text(e, 'NumberOfStudyRelatedSeries')) || series.length,
      series,
    });
  }
  return studies;
}

/** C-STORE Part 10 files on one association; the first failed store is thrown. */
export async function dimseStore(
  node: DimseNode,
  files: readonly string[],
  signal?: AbortSignal,
): Promise<void> {
  const requests = files.map((f) => new CStoreRequest(f));
  const finals = await runAssociation(node, requests, { step: 'storing (C-STORE)', signal });
  finals.forEach((r, i) => checkStatus(node, r, `C-STORE of ${files[i]}`));
}
