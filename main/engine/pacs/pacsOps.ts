/**
 * Echo and query a configured node, whichever protocol it speaks (DICOMweb or DIMSE).
 * Plain Node; never imports electron.
 */
import { AppError } from '../../shared/errors';
import { dicomWebEcho, dicomWebQuery } from './dicomWeb';
import { dimseEcho, dimseQuery } from './dimseOps';
import type { PacsNode } from './nodeConfig';
import { STUDY_DATE_PATTERN, type PacsStudy, type StudyQuery } from './queryTypes';

export interface EchoResult {
  node: string;
  protocol: 'QIDO-RS' | 'C-ECHO';
  roundTripMs: number;
}

/** Check that the node answers (C-ECHO, or a one-study QIDO-RS with the node's credentials). */
export async function echoNode(node: PacsNode, signal?: AbortSignal): Promise<EchoResult> {
  if (node.kind === 'dicomweb')
    return { node: node.name, protocol: 'QIDO-RS', roundTripMs: await dicomWebEcho(node, signal) };
  return { node: node.name, protocol: 'C-ECHO', roundTripMs: await dimseEcho(node, signal) };
}

/** Query keys: at most 64 characters, no backslash (the DICOM value separator) and no control characters. */
function isDicomText(value: string): boolean {
  return (
    value.length <= 64 &&
    ![...value].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  );
}

/** INVALID_ARGUMENT for a key a PACS would misread (date format, control characters, backslashes). */
export function checkStudyQuery(q: StudyQuery): void {
  if (q.studyDate !== undefined && !STUDY_DATE_PATTERN.test(q.studyDate))
    throw new AppError(
      'INVALID_ARGUMENT',
      `--date must be YYYYMMDD or YYYYMMDD-YYYYMMDD (got "${q.studyDate}").`,
    );
  for (const [key, value] of Object.entries(q))
    if (typeof value === 'string' && !isDicomText(value))
      throw new AppError(
        'INVALID_ARGUMENT',
        `The ${key} query key has characters a PACS cannot match (backslash, control characters) or is over 64 characters.`,
      );
}

/** Studies on the node matching `q` (default modality MR), each with its series. */
export async function queryNode(node: PacsNode, q: StudyQuery, signal?: AbortSignal): Promise<PacsStudy[]> {
  checkStudyQuery(q);
  return node.kind === 'dicomweb' ? dicomWebQuery(node, q, signal) : dimseQuery(node, q, signal);
}
