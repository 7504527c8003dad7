/**
 * Text helpers of the printed summary: HTML escaping of every DICOM string, DICOM date and person-name
 * display, probabilities. Pure functions; never imports electron.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** `YYYYMMDD` (DICOM DA) as `YYYY-MM-DD`; other text unchanged, empty as an en dash. */
export function formatDicomDate(da: string): string {
  const t = da.trim();
  if (/^\d{8}$/.test(t)) return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
  return t || '–';
}

/** DICOM PN `Family^Given^Middle^Prefix^Suffix` as `Family, Given Middle`; empty as an en dash. */
export function formatPersonName(pn: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = pn.split('=')[0].split('^');
  const first = [prefix, given, middle]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
  const name = [family.trim(), first].filter(Boolean).join(', ');
  return (suffix.trim() ? `${name} ${suffix.trim()}` : name) || '–';
}

/** ISO 8601 time as `YYYY-MM-DD HH:MM UTC` (unambiguous on paper). */
export function formatIsoTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A probability as two decimals. */
export function formatProbability(p: number): string {
  return p.toFixed(2);
}
