/**
 * Title bar: app name and version, the open study's header (patient, ID, birth date, sex, date,
 * accession, description), Print / Save PDF / About, and the ONNX Runtime providers or engine errors.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import type { StudyInfo } from '../../../main/shared/analysis';
import { personName } from '../../../main/shared/personName';
import { formatDa } from '../studies/studySearch';
import { StudyListToggle } from './StudyListToggle';
import type { AppInfoState } from '../useAppInfo';

function runtimeText(info: AppInfoState): string {
  if (info.state === 'loading') return 'Connecting to the engine…';
  if (info.state === 'error') return `Engine not reachable: ${info.message}`;
  const rt = info.info.onnxRuntime;
  if (!rt.available) return rt.error ?? 'ONNX Runtime not available';
  const names = rt.providers.filter((p) => p.bundled).map((p) => p.name);
  return `ONNX Runtime: ${names.join(', ') || 'none'}`;
}

function StudyLine({ study }: { study: StudyInfo }): JSX.Element {
  const parts = [
    `ID ${study.patientId || '—'}`,
    `born ${formatDa(study.patientBirthDate) || '—'}`,
    study.patientSex || '—',
    `study ${formatDa(study.studyDate) || '—'}`,
    `Acc ${study.accessionNumber || '—'}`,
    study.studyDescription,
  ].filter(Boolean);
  const details = parts.join(' · ');
  return (
    <div className="flex min-w-0 items-baseline gap-2" data-testid="study-header">
      <span className="shrink-0 whitespace-nowrap text-sm font-semibold text-zinc-100">
        {personName(study.patientName) || 'No name'}
      </span>
      <span className="truncate text-xs text-zinc-400" title={details}>
        {details}
      </span>
    </div>
  );
}

export interface AppHeaderProps {
  info: AppInfoState;
  study: StudyInfo | null;
  canPrint: boolean;
  onPrint: () => void;
  onAbout: () => void;
}

const button =
  'rounded border border-zinc-600 px-2 py-0.5 text-xs text-zinc-200 hover:bg-zinc-800 disabled:opacity-40';

/** Header with the version, the open study and the window's commands. */
export function AppHeader({ info, study, canPrint, onPrint, onAbout }: AppHeaderProps): JSX.Element {
  return (
    <header className="flex shrink-0 items-center gap-3 border-b border-zinc-800 bg-zinc-950 px-2 py-1">
      <StudyListToggle />
      <h1 className="text-base font-bold tracking-tight text-zinc-100">SpineGrade</h1>
      {info.state === 'ready' && (
        // With a study open the version (also in About) yields its place to the study header below 1536 px.
        <span
          className={`whitespace-nowrap text-[11px] text-zinc-400 ${study ? 'max-2xl:hidden' : ''}`}
          data-testid="app-version"
        >
          v{info.info.appVersion} · {info.info.platform}/{info.info.arch}
        </span>
      )}
      {study && <StudyLine study={study} />}
      <div className="ml-auto flex items-center gap-2">
        <span
          className={`text-[11px] ${info.state === 'error' ? 'text-red-400' : 'whitespace-nowrap text-zinc-400'}`}
          data-testid="runtime-status"
        >
          {runtimeText(info)}
        </span>
        <button
          type="button"
          className={button}
          disabled={!canPrint}
          onClick={onPrint}
          aria-keyshortcuts="Control+P Meta+P"
          title="Print preview (Ctrl/Cmd+P)"
        >
          Print…
        </button>
        <button type="button" className={button} onClick={onAbout}>
          About
        </button>
      </div>
    </header>
  );
}
