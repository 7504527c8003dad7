/**
 * Colours and marks of each grade for the dark reading-room theme. Colour is never the only carrier:
 * every cell also shows the grade word. Pure data (Tailwind class names).
 */
import type { DisplayedGrade } from './cellModel';

export interface GradeStyle {
  /** Word colour. */
  text: string;
  /** Cell tint and left edge. */
  cell: string;
  /** Probability bar segment colour. */
  bar: string;
}

export const GRADE_STYLES: Record<DisplayedGrade, GradeStyle> = {
  'Normal/Mild': {
    text: 'text-emerald-300',
    cell: 'bg-emerald-950/40 border-l-emerald-600',
    bar: 'bg-emerald-500',
  },
  Moderate: { text: 'text-amber-300', cell: 'bg-amber-950/50 border-l-amber-500', bar: 'bg-amber-400' },
  Severe: { text: 'text-red-300 font-bold', cell: 'bg-red-950/60 border-l-red-500', bar: 'bg-red-500' },
  'Not assessable': {
    text: 'text-zinc-400 italic',
    cell: 'bg-zinc-900 border-l-zinc-600',
    bar: 'bg-zinc-600',
  },
};

/** Bar colours in the probability order [normal_mild, moderate, severe]. */
export const BAR_COLOURS = [
  GRADE_STYLES['Normal/Mild'].bar,
  GRADE_STYLES.Moderate.bar,
  GRADE_STYLES.Severe.bar,
] as const;
