// A scripted bridge for the PACS component tests: each PACS method answers what the test queued (or a
// pending promise the test settles), every call is recorded, and job events are pushed by the test.
import type { SpineGradeBridge } from '../../../../main/shared/apiBridge';
import type { ApiEvent, ApiEventListener } from '../../../../main/shared/apiEvents';
import type { PacsNodeInfo, PacsStudyInfo } from '../../../../main/shared/apiPacs';
import type { Result } from '../../../../main/shared/errors';

type Methods = 'pacsListNodes' | 'pacsEcho' | 'pacsQuery' | 'pacsRetrieve' | 'pacsSend' | 'exportSr' | 'cancelJob';
export type PacsBridge = Pick<SpineGradeBridge, Methods | 'onEvent'>;

export interface Scripted {
  api: PacsBridge;
  calls: Array<{ method: Methods; arg: unknown }>;
  /** Answer the next call of `method` with `result` (a settled value or a promise). */
  answer: (method: Methods, result: Result<unknown> | Promise<Result<unknown>>) => void;
  emit: (event: ApiEvent) => void;
  listeners: () => number;
}

/** A bridge whose answers the test scripts; an unscripted call fails the test loudly. */
export function scriptedBridge(): Scripted {
  const queues = new Map<Methods, Array<Result<unknown> | Promise<Result<unknown>>>>();
  const calls: Scripted['calls'] = [];
  const listeners = new Set<ApiEventListener>();
  const method =
    (m: Methods) =>
    (arg?: unknown): Promise<Result<unknown>> => {
      calls.push({ method: m, arg });
      const next = queues.get(m)?.shift();
      if (!next) return Promise.reject(new Error(`unscripted call ${m}`));
      return Promise.resolve(next);
    };
  const names: Methods[] = ['pacsListNodes', 'pacsEcho', 'pacsQuery', 'pacsRetrieve', 'pacsSend', 'exportSr', 'cancelJob'];
  const api = Object.fromEntries(names.map((n) => [n, method(n)])) as unknown as PacsBridge;
  api.onEvent = (l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  return {
    api,
    calls,
    answer: (m, r) => queues.set(m, [...(queues.get(m) ?? []), r]),
    emit: (e) => {
      for (const l of listeners) l(e);
    },
    listeners: () => listeners.size,
  };
}

export const WEB_NODE: PacsNodeInfo = {
  name: 'web',
  kind: 'dicomweb',
  address: 'http://127.0.0.1:8042/dicom-web',
  retrieve: 'WADO-RS',
  send: 'STOW-RS',
  auth: 'basic',
};

export const DIMSE_NODE: PacsNodeInfo = {
  name: 'get',
  kind: 'dimse',
  address: 'ORTHANC@127.0.0.1:4242',
  retrieve: 'C-GET',
  send: 'C-STORE',
  auth: 'none',
};

export const STUDY: PacsStudyInfo = {
  studyInstanceUid: '1.2.826.0.1.3680043.8.498.1',
  patientId: 'PHANTOM-7',
  patientName: 'PHANTOM^SEVEN',
  studyDate: '20240115',
  accessionNumber: 'ACC77',
  studyDescription: 'MR LUMBAR SPINE',
  modalities: ['MR'],
  seriesCount: 3,
  series: [
    { seriesInstanceUid: '1.2.3.1', modality: 'MR', seriesDescription: 'Sagittal T2', seriesNumber: '1', instanceCount: 17 },
    { seriesInstanceUid: '1.2.3.2', modality: 'MR', seriesDescription: 'Sagittal T1', seriesNumber: '2', instanceCount: 17 },
    { seriesInstanceUid: '1.2.3.3', modality: 'MR', seriesDescription: 'Axial T2', seriesNumber: '3', instanceCount: 29 },
  ],
};
