/**
 * Key images of the printed summary: a sagittal slice with the level labels, and the slice of each severe
 * finding with its location marked; pixels as PNG data URIs, labels as pixel positions for an SVG overlay.
 * Plain Node; never imports electron.
 */
import type { AnalysisRecord } from '../../shared/analysis';
import type { LevelPoint } from '../../shared/findings';
import { levelDisplay } from '../../shared/targets';
import type { ReviewedFinding } from './reviewedFindings';
import { targetWords } from './reviewedFindings';
import { renderSlicePng, type SlicePng, type SliceSource } from './slicePng';

export interface ImageMark {
  text: string;
  /** Pixel position in the slice (column, row), 0-based. */
  col: number;
  row: number;
}

export interface KeyImage {
  title: string;
  image: SlicePng;
  /** Level labels drawn beside a dot. */
  labels: ImageMark[];
  /** Finding locations drawn as circles. */
  markers: ImageMark[];
}

const SAGITTAL_PREFERENCE = ['Sagittal T2/STIR', 'Sagittal T1'] as const;

function sliceTitle(v: SliceSource, k: number): string {
  return `${v.seriesDescription || v.role}, slice ${k + 1} of ${v.geometry.dims[2]}`;
}

/** The sagittal image with level labels: the slice holding most level points of the preferred sagittal series. */
export function sagittalKeyImage(
  levelPoints: readonly LevelPoint[],
  volumes: readonly SliceSource[],
): KeyImage | undefined {
  for (const role of SAGITTAL_PREFERENCE) {
    for (const v of volumes.filter((x) => x.role === role)) {
      const points = levelPoints.filter((p) => p.seriesInstanceUid === v.seriesInstanceUid);
      if (points.length === 0) continue;
      const votes = new Map<number, number>();
      for (const p of points) votes.set(p.sliceIndex, (votes.get(p.sliceIndex) ?? 0) + 1);
      const k = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
      const labels = new Map<string, ImageMark>();
      for (const p of [...points].sort((a, b) => Math.abs(a.sliceIndex - k) - Math.abs(b.sliceIndex - k))) {
        if (!labels.has(p.level))
          labels.set(p.level, { text: levelDisplay(p.level), col: p.col, row: p.row });
      }
      return {
        title: `${sliceTitle(v, k)}: level labels`,
        image: renderSlicePng(v, k),
        labels: [...labels.values()],
        markers: [],
      };
    }
  }
  return undefined;
}

/** One image per slice that holds a severe finding (findings on the same slice share an image). */
export function severeKeyImages(
  reviewed: readonly ReviewedFinding[],
  volumes: readonly SliceSource[],
): KeyImage[] {
  const groups = new Map<string, { v: SliceSource; k: number; marks: ImageMark[] }>();
  for (const r of reviewed.filter((x) => x.grade === 'Severe' && x.finding.keyLocation)) {
    const loc = r.finding.keyLocation!;
    const v =
      volumes.find(
        (x) =>
          x.seriesInstanceUid === loc.seriesInstanceUid && x.sopInstanceUids.includes(loc.sopInstanceUid),
      ) ?? volumes.find((x) => x.seriesInstanceUid === loc.seriesInstanceUid);
    if (!v) continue;
    const bySop = v.sopInstanceUids.indexOf(loc.sopInstanceUid);
    const k = bySop >= 0 ? bySop : loc.sliceIndex;
    const key = `${v.seriesInstanceUid}#${v.stackIndex}#${k}`;
    const g = groups.get(key) ?? { v, k, marks: [] };
    g.marks.push({ text: `severe ${targetWords(r.finding)}`, col: loc.col, row: loc.row });
    groups.set(key, g);
  }
  return [...groups.values()].map(({ v, k, marks }) => ({
    title: `${sliceTitle(v, k)}: ${marks.map((m) => m.text).join('; ')}`,
    image: renderSlicePng(v, k),
    labels: [],
    markers: marks,
  }));
}

/** Every key image of a report, sagittal first. */
export function buildKeyImages(
  analysis: AnalysisRecord,
  reviewed: readonly ReviewedFinding[],
  volumes: readonly SliceSource[],
): KeyImage[] {
  const sag = sagittalKeyImage(analysis.levelPoints, volumes);
  return [...(sag ? [sag] : []), ...severeKeyImages(reviewed, volumes)];
}
