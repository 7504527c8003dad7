/**
 * Label coordinates of a phantom study, placed where RSNA annotators place them: SCS on the sagittal T2/STIR
 * slice nearest the canal centre, NFN on the sagittal T1 slice nearest that foramen, SS on the axial slice
 * nearest the lateral recess; x,y are pixel column,row of that instance. Never imports electron.
 */
import { lpsToPixel, type SliceGeometry } from '../../shared/sliceGeometry';
import { CONDITION_INFO, CONDITIONS, LEVELS, type Condition, type Level } from '../../shared/targets';
import type { Vec3 } from '../../shared/vec3';
import type { LevelAnatomy, SpineAnatomy } from './anatomyTypes';
import type { PhantomRole, SeriesPlan } from './layoutTypes';

/** One row of train_label_coordinates.csv (before formatting). */
export interface LabelCoordinate {
  seriesId: number;
  instanceNumber: number;
  condition: Condition;
  level: Level;
  /** Pixel column (x) and row (y) of the point in that instance, rounded to 1e-6 px as in the CSV. */
  x: number;
  y: number;
}

/** A written series: its plan plus the RSNA series_id it was given. */
export type WrittenSeries = SeriesPlan & { seriesId: number };

interface Hit {
  series: WrittenSeries;
  instanceNumber: number;
  col: number;
  row: number;
  distanceMm: number;
}

function nearestSlice(series: WrittenSeries[], pointLps: Vec3): Hit | undefined {
  let best: Hit | undefined;
  for (const s of series) {
    const slices: SliceGeometry[] = s.stacks.flatMap((st) => st.slices);
    slices.forEach((g, i) => {
      const p = lpsToPixel(g, pointLps);
      if (!best || Math.abs(p.distanceMm) < Math.abs(best.distanceMm)) {
        best = {
          series: s,
          instanceNumber: s.instanceNumbers[i],
          col: p.col,
          row: p.row,
          distanceMm: p.distanceMm,
        };
      }
    });
  }
  return best;
}

/** The point an annotator marks for a condition at a level, and the series role it is marked on. */
function targetPoint(condition: Condition, la: LevelAnatomy): { role: PhantomRole; pointLps: Vec3 } {
  const info = CONDITION_INFO[condition];
  if (info.group === 'spinal') return { role: 'Sagittal T2/STIR', pointLps: la.canalCenterLps };
  const side = info.side === 'left' ? 'left' : 'right';
  if (info.group === 'foraminal') return { role: 'Sagittal T1', pointLps: la.foramenLps[side] };
  return { role: 'Axial T2', pointLps: la.recessLps[side] };
}

/**
 * Coordinates of every target the written series show. A target gets no row when its series is missing,
 * when the nearest slice is farther than one slice thickness from the point (an axial block that does not
 * reach the level) or when the point falls outside the image; its grade stays in train.csv, as in RSNA.
 */
export function labelCoordinates(anatomy: SpineAnatomy, series: WrittenSeries[]): LabelCoordinate[] {
  const rows: LabelCoordinate[] = [];
  for (const condition of CONDITIONS) {
    for (const level of LEVELS) {
      const { role, pointLps } = targetPoint(condition, anatomy.levels[level]);
      const candidates = series.filter((s) => s.role === role);
      const hit = nearestSlice(role === 'Axial T2' ? candidates : candidates.slice(0, 1), pointLps);
      if (!hit || Math.abs(hit.distanceMm) > hit.series.sliceThicknessMm) continue;
      const inside =
        hit.col >= 0 && hit.row >= 0 && hit.col <= hit.series.cols - 1 && hit.row <= hit.series.rows - 1;
      if (!inside) continue;
      const x = Math.round(hit.col * 1e6) / 1e6;
      const y = Math.round(hit.row * 1e6) / 1e6;
      rows.push({
        seriesId: hit.series.seriesId,
        instanceNumber: hit.instanceNumber,
        condition,
        level,
        x,
        y,
      });
    }
  }
  return rows;
}
