/**
 * The summary above the grid: the impression (moderate and severe findings, most severe first), the
 * model name and version, the execution provider used (and why, after a fallback) and the time taken.
 */
import type { JSX } from 'react';
import type { AnalysisBundle } from '../../../main/shared/analysis';
import { impressionLines } from './impression';
import { formatDateTime } from './dateTime';

function seconds(ms: number | undefined): string {
  return ms === undefined ? 'time not recorded' : `${(ms / 1000).toFixed(2)}\u00a0s`;
}

/** Impression and method line of one analysis. */
export function FindingsSummary({ bundle }: { bundle: AnalysisBundle }): JSX.Element {
  const a = bundle.analysis;
  return (
    <section aria-label="Summary" data-testid="findings-summary" className="flex flex-col gap-1 text-xs">
      <h3 className="sr-only">Impression</h3>
      <ul className="flex flex-col gap-0.5" data-testid="impression">
        {impressionLines(bundle).map((line) => (
          <li key={line} className="font-medium text-zinc-100">
            {line}
          </li>
        ))}
      </ul>
      <p className="text-[11px] text-zinc-400" data-testid="model-line">
        {a.model.name} v{a.model.version} · ran on {a.provider.toUpperCase()}
        {a.providerNote ? ` (fallback: ${a.providerNote})` : ''} · {seconds(a.timingsMs.total)} ·{' '}
        {formatDateTime(a.createdAt)}
      </p>
    </section>
  );
}
