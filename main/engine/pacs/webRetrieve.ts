/**
 * Retrieve one study over DICOMweb into a staging folder: its series from QIDO-RS, then WADO-RS per series
 * (instances as stored, so pixel data arrive byte for byte). Plain Node; never imports electron.
 */
import { AppError } from '../../shared/errors';
import { parseDicomBytes } from '../dicom/parseDicomBytes';
import { dicomWebRetrieveSeries, dicomWebSeries } from './dicomWeb';
import { nodeLabel, type DicomWebNode } from './nodeConfig';
import { pacsFailed } from './pacsErrors';
import type { RetrieveStaging } from './retrievedFolder';
import type { DimseRetrieveOptions } from './dimseRetrieve';

function sopInstanceUid(node: DicomWebNode, bytes: Buffer): string {
  let uid: string | undefined;
  try {
    uid = parseDicomBytes(bytes, 'WADO-RS part', 'x00080018').string('x00080018');
  } catch {
    uid = undefined;
  }
  if (!uid)
    throw pacsFailed(node, 'WADO-RS sent a part that is not a DICOM instance with a SOP Instance UID');
  return uid;
}

/** WADO-RS every series of the study into `staging`. */
export async function dicomWebRetrieveStudy(
  node: DicomWebNode,
  studyUid: string,
  staging: RetrieveStaging,
  o: DimseRetrieveOptions,
): Promise<void> {
  const series = await dicomWebSeries(node, studyUid, o.signal);
  if (series.length === 0)
    throw new AppError(
      'NOT_FOUND',
      `${nodeLabel(node)} has no study ${studyUid}; check the UID with "pacs query".`,
    );
  const total = series.reduce((n, s) => n + s.instanceCount, 0);
  for (const s of series) {
    const parts = await dicomWebRetrieveSeries(node, studyUid, s.seriesInstanceUid, { signal: o.signal });
    if (s.instanceCount > 0 && parts.length < s.instanceCount)
      throw pacsFailed(
        node,
        `series ${s.seriesInstanceUid} came back with ${parts.length} of ${s.instanceCount} instances; nothing was imported`,
      );
    for (const bytes of parts) {
      await staging.add(sopInstanceUid(node, bytes), bytes);
      o.onProgress?.(staging.count, total);
    }
  }
}
