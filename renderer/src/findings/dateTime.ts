/** Times on screen as the printed summary writes dates: unambiguous YYYY-MM-DD HH:MM, local time. Pure. */

const two = (n: number): string => String(n).padStart(2, '0');

/** An ISO 8601 timestamp as local 'YYYY-MM-DD HH:MM' ('' stays ''; an unreadable one is shown as it is). */
export function formatDateTime(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
