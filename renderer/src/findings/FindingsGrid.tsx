/**
 * The ARIA grid "Findings": rows L1/L2..L5/S1, columns SCS, L NFN, R NFN, L SS, R SS. One tab stop
 * (roving tabindex), arrows / Home / End move between cells, Enter, Space or a click jumps the viewers.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import { useRef, useState, type JSX, type KeyboardEvent } from 'react';
import type { AnalysisBundle } from '../../../main/shared/analysis';
import { CONDITION_INFO, CONDITIONS, LEVELS, levelDisplay } from '../../../main/shared/targets';
import { cellModel } from './cellModel';
import { FindingCell } from './FindingCell';
import type { TargetRef } from '../workspace/workspaceStore';

export interface FindingsGridProps {
  bundle: AnalysisBundle;
  activeTarget: TargetRef | null;
  onJump: (target: TargetRef) => void;
  /** The focused or hovered cell changed (the detail pane follows it). */
  onFocusTarget?: (target: TargetRef) => void;
}

const COLS = CONDITIONS.length;
const ROWS = LEVELS.length;

/** Next [row, col] for a navigation key, or null when the key is not one. */
export function moveFocus(key: string, ctrl: boolean, row: number, col: number): [number, number] | null {
  const clamp = (v: number, n: number): number => Math.max(0, Math.min(n - 1, v));
  switch (key) {
    case 'ArrowUp':
      return [clamp(row - 1, ROWS), col];
    case 'ArrowDown':
      return [clamp(row + 1, ROWS), col];
    case 'ArrowLeft':
      return [row, clamp(col - 1, COLS)];
    case 'ArrowRight':
      return [row, clamp(col + 1, COLS)];
    case 'Home':
      return ctrl ? [0, 0] : [row, 0];
    case 'End':
      return ctrl ? [ROWS - 1, COLS - 1] : [row, COLS - 1];
    default:
      return null;
  }
}

/** The 5 x 5 grid of one analysis. */
export function FindingsGrid({
  bundle,
  activeTarget,
  onJump,
  onFocusTarget,
}: FindingsGridProps): JSX.Element {
  const [pos, setPos] = useState<[number, number]>([0, 0]);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const key = (r: number, c: number): string => `${r}:${c}`;
  const onKeyDown = (r: number, c: number, e: KeyboardEvent<HTMLTableCellElement>): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onJump({ condition: CONDITIONS[c], level: LEVELS[r] });
      return;
    }
    const next = moveFocus(e.key, e.ctrlKey || e.metaKey, r, c);
    if (!next) return;
    e.preventDefault();
    setPos(next);
    cells.current.get(key(next[0], next[1]))?.focus();
  };
  return (
    <table
      role="grid"
      aria-label="Findings"
      aria-rowcount={ROWS + 1}
      aria-colcount={COLS + 1}
      className="w-full table-fixed border-separate border-spacing-0.5 text-left"
    >
      <thead>
        <tr role="row">
          <th role="columnheader" className="w-10 text-[10px] font-medium text-zinc-400 @max-[26rem]:w-9">
            Level
          </th>
          {CONDITIONS.map((c) => (
            <th
              key={c}
              role="columnheader"
              className="px-1 text-[11px] font-semibold whitespace-nowrap text-zinc-300 @max-[26rem]:px-0.5"
            >
              <abbr title={CONDITION_INFO[c].titleCase} className="no-underline">
                {CONDITION_INFO[c].short.replace('-', ' ')}
              </abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {LEVELS.map((level, r) => (
          <tr key={level} role="row">
            <th
              role="rowheader"
              scope="row"
              className="pr-1 text-[11px] font-semibold text-zinc-300 tabular-nums @max-[26rem]:pr-0.5"
            >
              {levelDisplay(level)}
            </th>
            {CONDITIONS.map((condition, c) => (
              <FindingCell
                key={condition}
                cell={cellModel(bundle, condition, level)}
                tabStop={pos[0] === r && pos[1] === c}
                selected={activeTarget?.condition === condition && activeTarget.level === level}
                tooltipAlign={c < 2 ? 'start' : c === 2 ? 'center' : 'end'}
                cellRef={(el) => {
                  if (el) cells.current.set(key(r, c), el);
                  else cells.current.delete(key(r, c));
                }}
                onActivate={() => {
                  setPos([r, c]);
                  onJump({ condition, level });
                }}
                onFocus={() => {
                  setPos([r, c]);
                  onFocusTarget?.({ condition, level });
                }}
                onKeyDown={(e) => onKeyDown(r, c, e)}
              />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
