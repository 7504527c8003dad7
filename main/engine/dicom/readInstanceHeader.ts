/**
 * A parsed DataSet -> InstanceHeader (identifiers, study fields, pixel format, frames), with the checks
 * that make a file unusable reported as typed AppErrors. Plain TypeScript; never imports electron.
 */
import type { DataSet } from 'dicom-parser';
import type { StudyInfo } from '../../shared/analysis';
import { AppError } from '../../shared/errors';
import { num, str, us } from './dataSetValues';
import type { InstanceHeader, PixelFormat } from './headerTypes';
import { readFrameHeaders } from './readFrameHeaders';
import { TAG } from './tags';
import { transferSyntaxInfo } from './transferSyntax';

const DICOMDIR_SOP_CLASS = '1.2.840.10008.1.3.10';
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

function studyInfo(ds: DataSet): StudyInfo {
  return {
    studyInstanceUid: str(ds, TAG.StudyInstanceUID),
    patientName: str(ds, TAG.PatientName).replace(/\^+$/, ''),
    patientId: str(ds, TAG.PatientID),
    patientBirthDate: str(ds, TAG.PatientBirthDate),
    patientSex: str(ds, TAG.PatientSex),
    studyDate: str(ds, TAG.StudyDate),
    accessionNumber: str(ds, TAG.AccessionNumber),
    studyDescription: str(ds, TAG.StudyDescription),
    institutionName: str(ds, TAG.InstitutionName),
  };
}

function pixelFormat(ds: DataSet, file: string): PixelFormat {
  const rows = us(ds, TAG.Rows) ?? 0;
  const columns = us(ds, TAG.Columns) ?? 0;
  const bitsAllocated = us(ds, TAG.BitsAllocated) ?? 0;
  if (rows <= 0 || columns <= 0 || (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32)) {
    throw new AppError(
      'DECODE_FAILED',
      `Image attributes are missing or unsupported (Rows ${rows}, Columns ${columns}, Bits Allocated ${bitsAllocated}).`,
      file,
    );
  }
  const bitsStored = us(ds, TAG.BitsStored) ?? bitsAllocated;
  return {
    rows,
    columns,
    samplesPerPixel: us(ds, TAG.SamplesPerPixel) ?? 1,
    photometricInterpretation: str(ds, TAG.PhotometricInterpretation) || 'MONOCHROME2',
    bitsAllocated,
    bitsStored,
    highBit: us(ds, TAG.HighBit) ?? bitsStored - 1,
    pixelRepresentation: us(ds, TAG.PixelRepresentation) ?? 0,
    planarConfiguration: us(ds, TAG.PlanarConfiguration) ?? 0,
  };
}

/**
 * Throws NO_PIXEL_DATA or TRUNCATED when (7FE0,0010) Pixel Data is absent or shorter than the image.
 * `bytesAvailable` is the length of the whole (inflated) dataset, which a header-only parse does not hold.
 */
function checkPixelData(
  ds: DataSet,
  pixel: PixelFormat,
  frames: number,
  file: string,
  bytesAvailable: number,
): void {
  const e = ds.elements[TAG.PixelData];
  if (!e)
    throw new AppError(
      'NO_PIXEL_DATA',
      'DICOM file has no Pixel Data (7FE0,0010): not an image; skipped.',
      file,
    );
  // Encapsulated (undefined length): fragments are checked when the frame is decoded.
  if (e.hadUndefinedLength && !e.encapsulatedPixelData) return;
  if (e.encapsulatedPixelData) {
    if (!e.fragments || e.fragments.length === 0) {
      throw new AppError(
        'NO_PIXEL_DATA',
        'Compressed Pixel Data (7FE0,0010) holds no fragments; skipped.',
        file,
      );
    }
    return;
  }
  const expected = Math.ceil(
    (pixel.rows * pixel.columns * pixel.samplesPerPixel * frames * pixel.bitsAllocated) / 8,
  );
  if (e.length < expected || e.dataOffset + expected > bytesAvailable) {
    throw new AppError(
      'TRUNCATED',
      `Pixel Data holds ${Math.min(e.length, bytesAvailable - e.dataOffset)} of ${expected} bytes: the file is truncated; copy it again.`,
      file,
    );
  }
}

/**
 * Read the header of one parsed instance (`bytesAvailable`: dataset length when `ds` was parsed only up
 * to Pixel Data from a prefix of the file). Throws AppError NO_PIXEL_DATA (no image: DICOMDIR, SR, ...),
 * NOT_DICOM (no Study/Series Instance UID), UNSUPPORTED_TRANSFER_SYNTAX, DECODE_FAILED or TRUNCATED.
 */
export function readInstanceHeader(
  ds: DataSet,
  file: string,
  bytesAvailable: number = ds.byteArray.length,
): InstanceHeader {
  const sopClassUid = str(ds, TAG.SOPClassUID);
  if (sopClassUid === DICOMDIR_SOP_CLASS) {
    throw new AppError(
      'NO_PIXEL_DATA',
      'DICOMDIR (media index) holds no image; skipped, the images it lists are read directly.',
      file,
    );
  }
  const study = studyInfo(ds);
  const seriesInstanceUid = str(ds, TAG.SeriesInstanceUID);
  if (!study.studyInstanceUid || !seriesInstanceUid) {
    throw new AppError(
      'NOT_DICOM',
      'DICOM file lacks Study or Series Instance UID (0020,000D/000E); skipped.',
      file,
    );
  }
  const transferSyntaxUid = str(ds, TAG.TransferSyntaxUID) || IMPLICIT_VR_LITTLE_ENDIAN;
  if (ds.elements[TAG.PixelData] && !transferSyntaxInfo(transferSyntaxUid)) {
    throw new AppError(
      'UNSUPPORTED_TRANSFER_SYNTAX',
      `Transfer syntax ${transferSyntaxUid} is not supported; convert the file to an uncompressed or JPEG-LS syntax (e.g. with dcmconv or gdcmconv) and import again.`,
      file,
    );
  }
  const numberOfFrames = Math.max(1, Math.round(num(ds, TAG.NumberOfFrames) ?? 1));
  if (!ds.elements[TAG.PixelData]) {
    throw new AppError(
      'NO_PIXEL_DATA',
      'DICOM file has no Pixel Data (7FE0,0010): not an image; skipped.',
      file,
    );
  }
  const pixel = pixelFormat(ds, file);
  if (pixel.samplesPerPixel !== 1) {
    throw new AppError(
      'DECODE_FAILED',
      `Colour image (${pixel.photometricInterpretation}), e.g. a screen capture, not an MR grey-scale image; skipped.`,
      file,
    );
  }
  checkPixelData(ds, pixel, numberOfFrames, file, bytesAvailable);
  return {
    file,
    transferSyntaxUid,
    sopClassUid,
    sopInstanceUid: str(ds, TAG.SOPInstanceUID),
    seriesInstanceUid,
    frameOfReferenceUid: str(ds, TAG.FrameOfReferenceUID),
    modality: str(ds, TAG.Modality).toUpperCase(),
    seriesDescription: str(ds, TAG.SeriesDescription),
    seriesNumber: num(ds, TAG.SeriesNumber) ?? 0,
    instanceNumber: num(ds, TAG.InstanceNumber) ?? 0,
    bodyPartExamined: str(ds, TAG.BodyPartExamined).toUpperCase(),
    scanningSequence: str(ds, TAG.ScanningSequence).toUpperCase(),
    study,
    pixel,
    frames: readFrameHeaders(ds, numberOfFrames),
  };
}
