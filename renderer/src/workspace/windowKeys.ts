/**
 * The window's hotkeys: Ctrl/Cmd+P print preview, Ctrl/Cmd+O File > Open (browser host: the Study folder
 * field, showing the study list first), Ctrl/Cmd+B show or hide the study list. Renderer code: DOM only.
 */
import { useEffect } from 'react';
import { flushSync } from 'react-dom';
import { setStudyListShown, toggleStudyList } from './studyListPref';

/** Focus the browser host's Study folder field, showing the study list when it is hidden. */
export function focusStudyPathField(): void {
  flushSync(() => setStudyListShown(true, false));
  const field = document.getElementById('study-path');
  if (field instanceof HTMLInputElement) {
    field.focus();
    field.select();
  }
}

/** Install the hotkeys on the window while the component is mounted. */
export function useWindowKeys(openPrint: () => void, hasShell: boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'p') {
        e.preventDefault();
        openPrint();
      } else if (key === 'b' && !e.shiftKey) {
        e.preventDefault();
        toggleStudyList();
      } else if (key === 'o' && !hasShell) {
        // File > Open of the browser host: the typed-path field (the app's menu opens a file dialog).
        e.preventDefault();
        focusStudyPathField();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPrint, hasShell]);
}
