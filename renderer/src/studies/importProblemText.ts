/**
 * Headings and what-to-do text for the import problem codes, so a person can act on each group.
 * Pure data; renderer code imports only main/shared.
 */
import type { ErrorCode } from '../../../main/shared/errors';

export interface ProblemGroupText {
  heading: string;
  action: string;
}

const TEXT: Partial<Record<ErrorCode, ProblemGroupText>> = {
  NOT_DICOM: {
    heading: 'Files that are not DICOM images (skipped)',
    action: 'Nothing to do unless you expected images in these files.',
  },
  TRUNCATED: {
    heading: 'Damaged or incomplete files (skipped)',
    action: 'Copy the study again from the PACS or CD; the other files were imported.',
  },
  UNREADABLE: {
    heading: 'Files or folders that could not be read',
    action: 'Check that they exist and that you may read them.',
  },
  NOT_FOUND: {
    heading: 'Paths that do not exist',
    action: 'Check the path; type the folder that holds the study.',
  },
  NO_PIXEL_DATA: {
    heading: 'DICOM files without images (skipped)',
    action: 'Reports and presentation states are not needed for grading.',
  },
  UNSUPPORTED_TRANSFER_SYNTAX: {
    heading: 'Images in an unsupported compression',
    action: 'Export the study uncompressed or as JPEG-LS / JPEG 2000 from the PACS.',
  },
  DECODE_FAILED: {
    heading: 'Images that could not be decoded',
    action: 'Copy the study again; these slices stay blank.',
  },
  NOT_MR: { heading: 'Not MR images (skipped)', action: 'SpineGrade grades lumbar spine MRI only.' },
  NOT_SPINE: {
    heading: 'Not a lumbar spine study (skipped)',
    action: 'SpineGrade grades lumbar spine MRI only; open a lumbar study.',
  },
  MISSING_SERIES: {
    heading: 'Series missing',
    action:
      'Targets graded on the missing series are shown as not assessable; import the series to grade them.',
  },
  ROLE_MISMATCH: {
    heading: 'Series whose role could not be told',
    action: 'Check the series descriptions; the series is kept for viewing.',
  },
  SINGLE_SLICE: {
    heading: 'Single-slice series (skipped for grading)',
    action: 'Localisers and scouts are not used for grading.',
  },
  MIXED_SIZES: {
    heading: 'Series with mixed image sizes',
    action: 'The series was split into stacks by size.',
  },
  DUPLICATE_INSTANCE: {
    heading: 'Duplicate images (ignored)',
    action: 'The same image was dropped twice; nothing to do.',
  },
  BAD_GEOMETRY: {
    heading: 'Images with unusable geometry',
    action: 'Position or orientation tags are missing or broken; these images are skipped.',
  },
  UNSAFE_ARCHIVE: {
    heading: 'Zip entries refused (not unpacked)',
    action:
      'Entries that would write outside the archive’s folder (absolute paths, “..”, links, devices) or a zip bomb are refused; the rest of the archive was imported. Ask the sender for a plain export if images are missing.',
  },
  NO_STUDY: {
    heading: 'No study found',
    action: 'Nothing in the drop was a lumbar MR study; see the other problems.',
  },
};

/** Heading and action for a problem code (a generic pair for codes without their own text). */
export function problemText(code: ErrorCode): ProblemGroupText {
  return TEXT[code] ?? { heading: `Other problems (${code})`, action: 'See each message below.' };
}

/** Last path segment, for compact file lists (the full path is in the title). */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]/).filter(Boolean);
  return parts.length > 1 ? parts.slice(-2).join('/') : file;
}
