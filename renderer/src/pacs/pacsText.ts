/**
 * Plain text helpers of the PACS views: query keys from the form, node and study lines, the CLI hint for
 * adding a node. Renderer code: imports only main/shared, never node or the engine.
 */
import type { ApiArg } from '../../../main/shared/api';
import type { PacsNodeInfo, PacsSendResult } from '../../../main/shared/apiPacs';

/** What the query form holds (dates as the date inputs give them: YYYY-MM-DD or ''). */
export interface PacsQueryForm {
  patientName: string;
  patientId: string;
  accessionNumber: string;
  modality: string;
  dateFrom: string;
  dateTo: string;
}

export const EMPTY_QUERY_FORM: PacsQueryForm = {
  patientName: '',
  patientId: '',
  accessionNumber: '',
  modality: 'MR',
  dateFrom: '',
  dateTo: '',
};

/** How a node is added (shown when none is configured; the UI never stores credentials itself). */
export const ADD_NODE_HINT = [
  'spinegrade pacs add NAME --dicomweb URL [--user U --password-file F]',
  'spinegrade pacs add NAME --dimse HOST:PORT --aet CALLED_AET [--calling-aet AET]',
];

const da = (isoDate: string): string => isoDate.replace(/-/g, '');

/** DICOM DA range from two date inputs: 'A', 'A-B', 'A-' or '-B'; undefined when both are empty. */
export function studyDateRange(from: string, to: string): string | undefined {
  const [f, t] = [da(from), da(to)];
  if (!f && !t) return undefined;
  if (f && t) return f === t ? f : `${f}-${t}`;
  return f ? `${f}-` : `-${t}`;
}

/** The pacsQuery argument of a form: empty keys left out; the modality as typed ('' = any). */
export function queryArg(node: string, form: PacsQueryForm): ApiArg<'pacsQuery'> {
  const arg: ApiArg<'pacsQuery'> = { node, modality: form.modality.trim().toUpperCase() };
  const name = form.patientName.trim();
  if (name) arg.patientName = /[*?]/.test(name) ? name : `${name}*`;
  if (form.patientId.trim()) arg.patientId = form.patientId.trim();
  if (form.accessionNumber.trim()) arg.accessionNumber = form.accessionNumber.trim();
  const date = studyDateRange(form.dateFrom, form.dateTo);
  if (date) arg.studyDate = date;
  return arg;
}

/** e.g. 'web (DICOMweb, WADO-RS)'; with `forSend` the protocol results go over, e.g. 'web (DICOMweb, STOW-RS)'. */
export function nodeLabel(n: PacsNodeInfo, forSend = false): string {
  return `${n.name} (${n.kind === 'dicomweb' ? 'DICOMweb' : 'DIMSE'}, ${forSend ? n.send : n.retrieve})`;
}

/** The line shown after a send. */
export function sentText(r: PacsSendResult): string {
  const docs = r.documents.map((d) => (d.kind === 'sr' ? 'DICOM SR' : 'Encapsulated PDF')).join(' and ');
  return `Sent ${docs} to ${r.node} over ${r.protocol}${r.preliminary ? ' as a PRELIMINARY (unsigned) result' : ''}.`;
}
