/**
 * The transfer syntaxes (PS3.5 section 10 and Annex A) the importer knows, and how each is decoded.
 * Plain TypeScript; imports nothing.
 */

/** Which decoder handles a transfer syntax's pixel data. */
export type PixelCodec =
  | 'native'
  | 'rle'
  | 'jpeg-baseline'
  | 'jpeg-extended-12'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg-2000'
  | 'htj2k';

export interface TransferSyntaxInfo {
  uid: string;
  name: string;
  codec: PixelCodec;
  /** Explicit VR Big Endian (retired, still exported by old archives): native pixels need byte swapping. */
  bigEndian: boolean;
  /** Deflated Explicit VR Little Endian: the dataset after the file meta is raw deflate (RFC 1951). */
  deflated: boolean;
  /** Lossy syntaxes decode to approximately, not exactly, the original pixels. */
  lossy: boolean;
}

const TABLE: readonly TransferSyntaxInfo[] = [
  ts('1.2.840.10008.1.2', 'Implicit VR Little Endian', 'native'),
  ts('1.2.840.10008.1.2.1', 'Explicit VR Little Endian', 'native'),
  { ...ts('1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', 'native'), deflated: true },
  { ...ts('1.2.840.10008.1.2.2', 'Explicit VR Big Endian', 'native'), bigEndian: true },
  ts('1.2.840.10008.1.2.5', 'RLE Lossless', 'rle'),
  ts('1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', 'jpeg-baseline', true),
  // Process 2 (8-bit) streams are decoded by libjpeg-turbo, process 4 (12-bit) streams by dcmjs-codecs (IJG 12-bit).
  ts('1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)', 'jpeg-extended-12', true),
  ts('1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg-lossless'),
  ts(
    '1.2.840.10008.1.2.4.70',
    'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 SV1)',
    'jpeg-lossless',
  ),
  ts('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', 'jpeg-ls'),
  ts('1.2.840.10008.1.2.4.81', 'JPEG-LS Lossy (Near-Lossless)', 'jpeg-ls', true),
  ts('1.2.840.10008.1.2.4.90', 'JPEG 2000 (Lossless Only)', 'jpeg-2000'),
  ts('1.2.840.10008.1.2.4.91', 'JPEG 2000', 'jpeg-2000', true),
  ts('1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 (Lossless Only)', 'htj2k'),
  ts('1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)', 'htj2k'),
  ts('1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000', 'htj2k', true),
];

function ts(uid: string, name: string, codec: PixelCodec, lossy = false): TransferSyntaxInfo {
  return { uid, name, codec, bigEndian: false, deflated: false, lossy };
}

const BY_UID = new Map(TABLE.map((t) => [t.uid, t]));

/** Every transfer syntax the importer decodes (for documentation and `--help`). */
export const SUPPORTED_TRANSFER_SYNTAXES: readonly TransferSyntaxInfo[] = TABLE;

/** The syntax record for a (0002,0010) Transfer Syntax UID, or undefined when the importer does not know it. */
export function transferSyntaxInfo(uid: string): TransferSyntaxInfo | undefined {
  return BY_UID.get(uid.replace(/\0/g, '').trim());
}
