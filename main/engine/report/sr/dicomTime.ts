/**
 * ISO 8601 instants as DICOM DA / TM / DT text in UTC (the SR states (0008,0201) Timezone Offset +0000).
 * Pure functions; never imports electron.
 */

function utc(iso: string): string {
  const d = new Date(iso);
  return (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString();
}

/** YYYYMMDD. */
export function dicomDate(iso: string): string {
  return utc(iso).slice(0, 10).replace(/-/g, '');
}

/** HHMMSS.ffffff (milliseconds). */
export function dicomTime(iso: string): string {
  const s = utc(iso);
  return `${s.slice(11, 19).replace(/:/g, '')}.${s.slice(20, 23)}`;
}

/**
 * YYYYMMDDHHMMSS in UTC, the offset given once by (0008,0201): dcmtk's SR checker refuses a fraction or an
 * offset suffix in a content item's (0040,A032) Observation DateTime.
 */
export function dicomDateTime(iso: string): string {
  return `${dicomDate(iso)}${dicomTime(iso).slice(0, 6)}`;
}
