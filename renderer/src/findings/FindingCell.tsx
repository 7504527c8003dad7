/**
 * One gridcell of the findings grid: grade word and colour, probability bar, marks (reader override with
 * the AI grade beside it, addendum, uncertain, not assessable), a tooltip with the exact numbers on hover
 * (on keyboard focus they are its description and fill the detail pane). Renderer code: only main/shared.
 */
import { Fragment, type JSX, type KeyboardEvent } from 'react';
import { SEVERITIES } from '../../../main/shared/targets';
import { percent, type CellModel } from './cellModel';
import { GRADE_STYLES } from './gradeStyle';
import { ProbabilityBar } from './ProbabilityBar';

export interface FindingCellProps {
  cell: CellModel;
  /** The roving tab stop of the grid. */
  tabStop: boolean;
  /** The target the viewers were last sent to. */
  selected: boolean;
  /** Where the tooltip opens: from the cell's left edge, centred on it, or from its right edge. */
  tooltipAlign: 'start' | 'center' | 'end';
  onActivate: () => void;
  onFocus: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLTableCellElement>) => void;
  cellRef: (el: HTMLTableCellElement | null) => void;
}

const TOOLTIP_ALIGN = { start: 'left-0', center: 'left-1/2 -translate-x-1/2', end: 'right-0' } as const;

/**
 * The grade word with a break allowed after its slash ("Normal/" "Mild" in a narrow grid) and a soft hyphen
 * in "assess-able" (a narrow cell otherwise breaks it anywhere, "assessab" "le"); the same text otherwise.
 */
function gradeWord(word: string): JSX.Element[] {
  return word
    .replace('assessable', 'assess\u00adable')
    .split('/')
    .map((part, i) => (
      <Fragment key={i}>
        {i > 0 && (
          <>
            /<wbr />
          </>
        )}
        {part}
      </Fragment>
    ));
}

function TooltipLines({ cell }: { cell: CellModel }): JSX.Element {
  const p = cell.finding?.probabilities;
  return (
    <>
      <div className="font-semibold text-zinc-100">{cell.name}</div>
      {p ? (
        <div data-testid="exact-probabilities" className="tabular-nums">
          {SEVERITIES.map((s, i) => `${s} ${percent(p[i])}`).join(' · ')}
        </div>
      ) : (
        <div>No probabilities: not assessable.</div>
      )}
      {cell.override && (
        <div>
          Reader {cell.override.reader}: {cell.override.grade} (AI: {cell.aiGrade ?? 'not assessable'})
          {cell.override.note ? ` — “${cell.override.note}”` : ''}
        </div>
      )}
      {cell.addenda.map((a, i) => (
        <div key={i} className="text-sky-300">
          Addendum by {a.reader}: {a.grade}
          {a.note ? ` — “${a.note}”` : ''}
        </div>
      ))}
      {cell.uncertainReason && <div className="text-amber-200">Uncertain: {cell.uncertainReason}</div>}
      {cell.notAssessableReason && (
        <div className="text-zinc-300">Not assessable: {cell.notAssessableReason}</div>
      )}
      <div className="text-zinc-400">Enter or click: show the key image</div>
    </>
  );
}

/**
 * The cell. Its accessible name, from its content, is exactly `cell.name` (visually hidden; the visible grade
 * word beside it and the marks are hidden from it); the tooltip is its description.
 */
export function FindingCell(props: FindingCellProps): JSX.Element {
  const { cell, tabStop, selected, tooltipAlign } = props;
  const style = GRADE_STYLES[cell.displayed];
  const tipId = `tip-${cell.condition}-${cell.level}`;
  const last = cell.addenda[cell.addenda.length - 1];
  return (
    <td
      role="gridcell"
      ref={props.cellRef}
      tabIndex={tabStop ? 0 : -1}
      aria-describedby={tipId}
      aria-selected={selected}
      data-condition={cell.condition}
      data-level={cell.level}
      data-grade={cell.displayed}
      data-source={cell.source}
      onClick={props.onActivate}
      onFocus={props.onFocus}
      onKeyDown={props.onKeyDown}
      className={`group relative cursor-pointer border-l-4 py-1 pr-0.5 pl-1 align-top @max-[26rem]:pl-0.5 outline-none hover:ring-1 hover:ring-inset hover:ring-zinc-400 focus-visible:ring-2 focus-visible:ring-sky-400 ${style.cell} ${selected ? 'ring-2 ring-inset ring-sky-300' : ''}`}
    >
      <div className="text-[10.5px] leading-tight tracking-tight break-words">
        {/* The name as one text (a <wbr> inside it would read as a space in some name computations). */}
        <span className="sr-only">{cell.name}</span>
        <span aria-hidden="true" className={style.text}>
          {gradeWord(cell.displayed)}
        </span>
      </div>
      <div className="mt-0.5">
        <ProbabilityBar probabilities={cell.finding?.probabilities ?? null} />
      </div>
      <div aria-hidden="true" className="mt-0.5 text-[9px] leading-tight text-zinc-400">
        {cell.uncertainReason && (
          <span className="mr-1 text-[10px] font-bold text-amber-300" title="Uncertain">
            ?
          </span>
        )}
        {cell.source === 'Reader' && (
          <>
            <span className="rounded-sm bg-sky-800 px-0.5 font-bold text-sky-100" title="Reader override">
              R
            </span>{' '}
            AI {cell.aiGrade ?? 'n/a'}
          </>
        )}
        {cell.source === 'AI' && cell.notAssessableReason && 'no grade'}
        {last && <div className="font-semibold text-sky-300">addendum: {last.grade}</div>}
        {cell.source === 'AI' && !cell.notAssessableReason && !last && !cell.uncertainReason && '\u00a0'}
      </div>
      <div
        id={tipId}
        role="tooltip"
        aria-hidden="true"
        className={`pointer-events-none absolute top-full z-30 mt-1 hidden w-72 rounded border border-zinc-600 bg-zinc-900 p-2 text-[11px] leading-snug text-zinc-200 shadow-xl group-hover:block @max-[26rem]:w-56 ${TOOLTIP_ALIGN[tooltipAlign]}`}
      >
        <TooltipLines cell={cell} />
      </div>
    </td>
  );
}
