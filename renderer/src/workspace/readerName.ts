/**
 * The reader's name, asked once per browser session and kept in sessionStorage, and the auto-analysis
 * setting kept in localStorage. Renderer code: imports only main/shared, never node or the engine.
 */
const READER_KEY = 'spinegrade.reader';
const AUTO_ANALYZE_KEY = 'spinegrade.autoAnalyze';

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback; // storage disabled by policy: the session simply does not remember
  }
}

/** The reader's name remembered for this session, or ''. */
export function loadReaderName(): string {
  return safe(() => window.sessionStorage.getItem(READER_KEY) ?? '', '');
}

export function saveReaderName(name: string): void {
  safe(() => window.sessionStorage.setItem(READER_KEY, name), undefined);
}

/** Auto-analysis after import: on unless the user turned it off. */
export function loadAutoAnalyze(): boolean {
  return safe(() => window.localStorage.getItem(AUTO_ANALYZE_KEY) !== 'off', true);
}

export function saveAutoAnalyze(on: boolean): void {
  safe(() => window.localStorage.setItem(AUTO_ANALYZE_KEY, on ? 'on' : 'off'), undefined);
}
