/**
 * A DICOM PN (0010,0010) value as a reader sees it on screen: its components (family^given^middle^prefix^suffix)
 * as words. Pure TypeScript: imports nothing. (The printed summary's `Family, Given` form is the report's own.)
 */

/** DICOM PN with its ^ separators as single spaces, trimmed ("PHANTOM^JOHN^^" -> "PHANTOM JOHN"). */
export function personName(pn: string): string {
  return pn.replace(/\^+/g, ' ').trim();
}
