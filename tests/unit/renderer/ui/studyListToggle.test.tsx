// @vitest-environment happy-dom
// The collapsible study list: the stored choice (localStorage, storage failures tolerated), when opening a
// study folds it away (narrow window, no import problems, one study), the header toggle and the hotkeys.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { JSX } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportStudyResult } from '../../../../main/shared/apiRecords';
import { StudyListToggle } from '../../../../renderer/src/components/StudyListToggle';
import {
  AUTO_COLLAPSE_BELOW_PX,
  STUDY_LIST_KEY,
  loadStudyListShown,
  setStudyListShown,
  shouldAutoCollapse,
  type PrefStorage,
} from '../../../../renderer/src/workspace/studyListPref';
import { useWindowKeys } from '../../../../renderer/src/workspace/windowKeys';

afterEach(cleanup);

function imported(uids: string[], problems = 0): ImportStudyResult {
  return {
    studies: uids.map((studyInstanceUid) => ({
      studyInstanceUid,
      patientName: 'PHANTOM^JOHN',
      studyDate: '20240131',
      created: true,
      seriesCount: 3,
      instanceCount: 60,
      newInstances: 60,
      roles: ['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2'],
    })),
    problems: Array.from({ length: problems }, (_, i) => ({
      code: 'NOT_DICOM' as const,
      file: `/x/${i}.txt`,
      message: 'not DICOM',
    })),
  };
}

const storeWith = (value: string | null): PrefStorage => ({ getItem: () => value, setItem: () => {} });

describe('study list preference', () => {
  it('is shown unless the reader hid it, and survives a storage that throws', () => {
    expect(loadStudyListShown(storeWith(null))).toBe(true);
    expect(loadStudyListShown(storeWith('shown'))).toBe(true);
    expect(loadStudyListShown(storeWith('hidden'))).toBe(false);
    const broken: PrefStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {},
    };
    expect(loadStudyListShown(broken)).toBe(true);
    expect(loadStudyListShown(null)).toBe(true);
  });

  it('folds away when a study opens in a narrow window, not when the import has something to read', () => {
    const narrow = AUTO_COLLAPSE_BELOW_PX - 320;
    expect(shouldAutoCollapse(AUTO_COLLAPSE_BELOW_PX, 'a', null)).toBe(false);
    expect(shouldAutoCollapse(1920, 'a', imported(['a']))).toBe(false);
    expect(shouldAutoCollapse(narrow, 'a', null)).toBe(true);
    expect(shouldAutoCollapse(narrow, 'a', imported(['a']))).toBe(true);
    expect(shouldAutoCollapse(narrow, 'a', imported(['a'], 2)), 'import problems stay readable').toBe(false);
    expect(shouldAutoCollapse(narrow, 'a', imported(['a', 'b'])), 'several studies to choose from').toBe(false);
    expect(shouldAutoCollapse(narrow, 'c', imported(['a'], 2)), 'opened from the list later').toBe(true);
  });
});

function Keys({ onPrint }: { onPrint: () => void }): JSX.Element {
  useWindowKeys(onPrint, false);
  return <StudyListToggle />;
}

describe('StudyListToggle and the hotkeys', () => {
  it('flips aria-expanded on a constant name and remembers the click, not an automatic fold', () => {
    act(() => setStudyListShown(true, false));
    render(<StudyListToggle />);
    const button = screen.getByRole('button', { name: 'Study list' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe('study-column');
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Control+B Meta+B');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(window.localStorage.getItem(STUDY_LIST_KEY)).toBe('hidden');
    act(() => setStudyListShown(true, false));
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(window.localStorage.getItem(STUDY_LIST_KEY), 'not a choice of the reader').toBe('hidden');
    fireEvent.click(button);
    fireEvent.click(button);
    expect(window.localStorage.getItem(STUDY_LIST_KEY)).toBe('shown');
  });

  it('Ctrl+B and Cmd+B toggle (Ctrl+Shift+B does not), Ctrl+P prints', () => {
    act(() => setStudyListShown(true, false));
    const onPrint = vi.fn();
    render(<Keys onPrint={onPrint} />);
    const button = screen.getByRole('button', { name: 'Study list' });
    fireEvent.keyDown(window, { key: 'b', ctrlKey: true });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(window, { key: 'B', metaKey: true });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(window, { key: 'B', ctrlKey: true, shiftKey: true });
    fireEvent.keyDown(window, { key: 'b' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(window, { key: 'p', ctrlKey: true });
    expect(onPrint).toHaveBeenCalledTimes(1);
  });
});
