/**
 * A modal dialog below the intended-use banner (the banner stays visible above every overlay):
 * labelled, Escape closes, focus moves in on open and back on close. Renderer code: DOM only.
 */
import { useEffect, useRef, type JSX, type ReactNode } from 'react';

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Tailwind width/height classes of the panel. */
  size?: string;
}

/** The dialog frame with its title bar and Close button. */
export function Modal({ title, onClose, children, size = 'w-[28rem]' }: ModalProps): JSX.Element {
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const el = panel.current;
    if (el && !el.contains(document.activeElement)) el.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, []);
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-black/70 pt-10">
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        className={`flex max-h-[calc(100vh-4rem)] flex-col rounded border border-zinc-700 bg-zinc-900 shadow-2xl outline-none ${size}`}
      >
        <div className="flex shrink-0 items-center border-b border-zinc-700 px-3 py-1.5">
          <h2 className="text-sm font-semibold text-zinc-100">{title}</h2>
          <button
            type="button"
            onClick={onClose}
            className="ml-auto rounded px-2 text-sm text-zinc-300 hover:bg-zinc-800"
          >
            Close
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-auto p-3">{children}</div>
      </div>
    </div>
  );
}
