/**
 * The slice scroll bar of a pane: drag or click the track to go to a slice. The thumb's position and
 * aria-valuenow are written by the overlay writer on each render, not by React. Renderer code: only main/shared.
 */
import { useRef, type JSX, type PointerEvent, type Ref } from 'react';

export interface ScrollBarProps {
  sliceCount: number;
  controls: string;
  label: string;
  trackRef: Ref<HTMLDivElement>;
  thumbRef: Ref<HTMLDivElement>;
  onSlice: (sliceIndex: number) => void;
}

/** Vertical track on the right edge of the image. */
export function ScrollBar({ sliceCount, controls, label, trackRef, thumbRef, onSlice }: ScrollBarProps): JSX.Element {
  const dragging = useRef(false);
  const thumbPct = sliceCount > 0 ? Math.max(4, 100 / sliceCount) : 100;
  const sliceAt = (e: PointerEvent<HTMLDivElement>): number => {
    const r = e.currentTarget.getBoundingClientRect();
    const usable = r.height * (1 - thumbPct / 100);
    const y = e.clientY - r.top - (r.height * thumbPct) / 200;
    const t = usable > 0 ? Math.min(1, Math.max(0, y / usable)) : 0;
    return Math.round(t * (sliceCount - 1));
  };
  return (
    <div
      ref={trackRef}
      role="scrollbar"
      aria-label={label}
      aria-controls={controls}
      aria-orientation="vertical"
      aria-valuemin={1}
      aria-valuemax={Math.max(1, sliceCount)}
      aria-valuenow={1}
      tabIndex={-1}
      data-testid="slice-scrollbar"
      className="absolute bottom-8 right-1 top-8 w-2.5 cursor-pointer rounded-sm bg-zinc-800/70"
      onPointerDown={(e) => {
        if (e.button !== 0 || sliceCount < 1) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        dragging.current = true;
        onSlice(sliceAt(e));
        e.preventDefault();
        e.stopPropagation();
      }}
      onPointerMove={(e) => {
        if (dragging.current) onSlice(sliceAt(e));
      }}
      onPointerUp={(e) => {
        dragging.current = false;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
    >
      <div className="absolute inset-x-0 top-0" style={{ bottom: `${thumbPct}%` }}>
        <div
          ref={thumbRef}
          className="absolute inset-x-0 rounded-sm bg-zinc-400"
          style={{ top: '0%', height: `${(thumbPct / (100 - thumbPct || 1)) * 100}%` }}
        />
      </div>
    </div>
  );
}
