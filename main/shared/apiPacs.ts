/**
 * Records of the contract's PACS methods (configured nodes without credentials, query answers, retrieve and
 * send results) and of the DICOM SR export. Pure TypeScript: imports nothing outside main/shared.
 */
import type { ImportStudyResult } from './apiRecords';

/** A configured PACS node as the UI may show it: never a password or token. */
export interface PacsNodeInfo {
  name: string;
  kind: 'dicomweb' | 'dimse';
  /** DICOMweb base URL, or `CALLED_AET@host:port` for DIMSE. */
  address: string;
  /** How a study is retrieved from it. */
  retrieve: 'WADO-RS' | 'C-GET' | 'C-MOVE';
  /** How results are sent to it. */
  send: 'STOW-RS' | 'C-STORE';
  /** Kind of credential configured (its value never crosses the contract). */
  auth: 'none' | 'basic' | 'bearer';
}

/** What pacsEcho returns: the node answered. */
export interface PacsEchoResult {
  node: string;
  protocol: 'QIDO-RS' | 'C-ECHO';
  roundTripMs: number;
}

/** One series of a study as the PACS lists it. */
export interface PacsSeriesInfo {
  seriesInstanceUid: string;
  modality: string;
  seriesDescription: string;
  seriesNumber: string;
  instanceCount: number;
}

/** One study as the PACS lists it (the items of `pacs query --json`). */
export interface PacsStudyInfo {
  studyInstanceUid: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  accessionNumber: string;
  studyDescription: string;
  modalities: string[];
  seriesCount: number;
  series: PacsSeriesInfo[];
}

/** What pacsQuery returns (the JSON of `pacs query --json`). */
export interface PacsQueryResult {
  studies: PacsStudyInfo[];
}

/** What pacsRetrieve returns: the import of the retrieved copy plus how it arrived. */
export interface PacsRetrieveResult extends ImportStudyResult {
  studyInstanceUid: string;
  node: string;
  protocol: 'WADO-RS' | 'C-GET' | 'C-MOVE';
  /** The app-managed copy: `<store>/pacs-retrieved/<StudyInstanceUID>`. */
  folder: string;
  instanceCount: number;
  bytes: number;
  transferMs: number;
}

/** What pacsSend returns: the documents the node stored. */
export interface PacsSendResult {
  node: string;
  protocol: 'STOW-RS' | 'C-STORE';
  analysisId: string;
  /** True when sent before sign-off: both documents say PRELIMINARY / UNVERIFIED. */
  preliminary: boolean;
  documents: Array<{ kind: 'sr' | 'encapsulated-pdf'; sopInstanceUid: string }>;
}

/** What exportSr returns: the SR bytes for a download, or the file written at `srPath`. */
export interface ExportSrResult {
  /** Suggested file name, e.g. 'SpineGrade-<patient>-<date>.sr.dcm'. */
  fileName: string;
  sopInstanceUid: string;
  /** The Part 10 bytes when no `srPath` was given; crosses as binary only (BINARY_VALUE_FIELDS). */
  sr?: ArrayBuffer;
  /** The file written when `srPath` was given; empty otherwise. */
  savedTo: Array<{ file: string; sha256: string }>;
}
