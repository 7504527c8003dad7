/**
 * The import problems panel: problems grouped by kind, each group with a heading, what to do, and its
 * files; never a stack trace. Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import type { ImportProblemInfo, ImportStudyResult } from '../../../main/shared/apiRecords';
import type { ErrorCode } from '../../../main/shared/errors';
import { baseName, problemText } from './importProblemText';

const SHOWN_PER_GROUP = 20;

function groups(problems: ImportProblemInfo[]): Array<[ErrorCode, ImportProblemInfo[]]> {
  const byCode = new Map<ErrorCode, ImportProblemInfo[]>();
  for (const p of problems) byCode.set(p.code, [...(byCode.get(p.code) ?? []), p]);
  return [...byCode.entries()];
}

/** Problems of the last import (or why it failed as a whole). */
export function ImportProblems({
  result,
  error,
}: {
  result: ImportStudyResult | null;
  error: string;
}): JSX.Element | null {
  if (!error && (!result || result.problems.length === 0)) return null;
  const imported = result?.studies.length ?? 0;
  return (
    <section
      aria-label="Import problems"
      data-testid="import-problems"
      className="flex flex-col gap-2 rounded border border-amber-700/70 bg-amber-950/30 p-2 text-xs"
    >
      <h3 className="font-semibold text-amber-200">
        {error
          ? 'The import failed'
          : `Import problems (${result?.problems.length}) — ${imported} stud${imported === 1 ? 'y' : 'ies'} imported`}
      </h3>
      {error && <p className="text-amber-100">{error}</p>}
      {groups(result?.problems ?? []).map(([code, list]) => {
        const t = problemText(code);
        return (
          <details key={code} open={list.length <= 3} className="text-amber-100" data-code={code}>
            <summary className="cursor-pointer font-medium">
              {t.heading}: {list.length}
            </summary>
            <p className="mt-0.5 text-amber-200/80">{t.action}</p>
            <ul className="mt-1 flex flex-col gap-0.5">
              {list.slice(0, SHOWN_PER_GROUP).map((p, i) => (
                <li key={i} title={p.file} className="break-words text-zinc-300">
                  <span className="font-mono text-[10px] text-zinc-400">{baseName(p.file)}</span> —{' '}
                  {p.message}
                </li>
              ))}
              {list.length > SHOWN_PER_GROUP && (
                <li className="text-zinc-400">…and {list.length - SHOWN_PER_GROUP} more</li>
              )}
            </ul>
          </details>
        );
      })}
    </section>
  );
}
