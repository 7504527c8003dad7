/**
 * Typed reads of dicom-parser DataSet values: trimmed strings, numbers, multi-valued DS, sequence items.
 * Plain TypeScript; never imports electron.
 */
import type { DataSet } from 'dicom-parser';

/** A string value without padding (trailing spaces and NULs), '' when absent. */
export function str(ds: DataSet, tag: string): string {
  if (!ds.elements[tag]) return '';
  const v = ds.string(tag);
  return v === undefined ? '' : v.replace(/\0/g, '').trim();
}

/** A decimal or integer string (DS, IS) as a number, undefined when absent or not finite. */
export function num(ds: DataSet, tag: string): number | undefined {
  if (!ds.elements[tag] || ds.elements[tag].length === 0) return undefined;
  const v = Number(str(ds, tag).split('\\')[0]);
  return Number.isFinite(v) ? v : undefined;
}

/** Every value of a multi-valued DS, or undefined when absent or any value is not a number. */
export function nums(ds: DataSet, tag: string): number[] | undefined {
  if (!ds.elements[tag] || ds.elements[tag].length === 0) return undefined;
  const parts = str(ds, tag)
    .split('\\')
    .map((s) => Number(s.trim()));
  return parts.every((v) => Number.isFinite(v)) ? parts : undefined;
}

/** A US value, undefined when absent. */
export function us(ds: DataSet, tag: string): number | undefined {
  const e = ds.elements[tag];
  if (!e || e.length < 2) return undefined;
  return ds.uint16(tag);
}

/** An FD value, undefined when absent. */
export function fd(ds: DataSet, tag: string): number | undefined {
  const e = ds.elements[tag];
  if (!e || e.length < 8) return undefined;
  const v = ds.double(tag);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** The nested DataSet of item `index` of a sequence, undefined when absent. */
export function item(ds: DataSet | undefined, tag: string, index = 0): DataSet | undefined {
  return ds?.elements[tag]?.items?.[index]?.dataSet;
}

/** Number of items of a sequence (0 when absent). */
export function itemCount(ds: DataSet, tag: string): number {
  return ds.elements[tag]?.items?.length ?? 0;
}
