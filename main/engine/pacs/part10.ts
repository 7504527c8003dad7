/**
 * Part 10 files from the dataset bytes a DIMSE peer sent (PS3.10 7.1): preamble, "DICM", the File Meta
 * Information written by dcmjs, then the dataset bytes unchanged. Plain Node; never imports electron.
 */
import dcmjs from 'dcmjs';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from '../dicom/writeDicom';

/** Preamble + "DICM" + File Meta Information for an instance in `transferSyntaxUid`. */
function fileMetaBytes(sopClassUid: string, sopInstanceUid: string, transferSyntaxUid: string): Buffer {
  const meta = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: transferSyntaxUid,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  });
  const dict = new dcmjs.data.DicomDict(meta);
  dict.dict = {};
  return Buffer.from(dict.write());
}

/** A Part 10 file of `datasetBytes` (already encoded in `transferSyntaxUid`). */
export function part10FromDataset(
  ids: { sopClassUid: string; sopInstanceUid: string; transferSyntaxUid: string },
  datasetBytes: Uint8Array,
): Buffer {
  return Buffer.concat([
    fileMetaBytes(ids.sopClassUid, ids.sopInstanceUid, ids.transferSyntaxUid),
    Buffer.from(datasetBytes),
  ]);
}
