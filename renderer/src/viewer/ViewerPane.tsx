/**
 * One image pane: the Cornerstone element, its overlay (written by the controller on every render),
 * orientation letters, scale bar, scroll bar, toolbar and the empty / loading / error states.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import { useEffect, useRef, type JSX } from 'react';
import { personName } from '../../../main/shared/personName';
import { PaneNavControls } from './nav/PaneNavControls';
import { ScrollBar } from './ScrollBar';
import { PANES, type PaneId } from './panes';
import { usePaneStatus } from './paneStatus';
import { handleViewerKey } from './viewerActions';
import { updateViewerUi, useViewerUi } from './viewerUi';
import { attachPane, detachPane, goToSlice, paneStatus, resizeViewports } from './viewerController';

export interface ViewerPaneProps {
  pane: PaneId;
  patientName: string;
  testId: string;
}

const CORNER =
  'pointer-events-none absolute z-10 text-[11px] leading-tight text-zinc-200 [text-shadow:0_0_3px_#000]';
const LETTER =
  'pointer-events-none absolute z-10 text-xs font-semibold text-amber-200/90 [text-shadow:0_0_3px_#000]';

/** A labelled viewer pane (role region "<title> viewer"). */
export function ViewerPane({ pane, patientName, testId }: ViewerPaneProps): JSX.Element {
  const info = PANES[pane];
  const status = usePaneStatus(paneStatus, pane);
  const isActive = useViewerUi((s) => s.activePane === pane);
  const region = useRef<HTMLElement>(null);
  const element = useRef<HTMLDivElement>(null);
  const slice = useRef<HTMLSpanElement>(null);
  const position = useRef<HTMLSpanElement>(null);
  const level = useRef<HTMLSpanElement>(null);
  const voi = useRef<HTMLSpanElement>(null);
  const failed = useRef<HTMLSpanElement>(null);
  const scaleBar = useRef<HTMLDivElement>(null);
  const scaleLabel = useRef<HTMLSpanElement>(null);
  const thumb = useRef<HTMLDivElement>(null);
  const track = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const refs = [slice, position, level, voi, failed, scaleBar, scaleLabel, thumb, track].map(
      (r) => r.current,
    );
    if (!region.current || !element.current || refs.some((r) => !r)) return;
    attachPane(pane, {
      region: region.current,
      element: element.current,
      refs: {
        slice: slice.current as HTMLElement,
        position: position.current as HTMLElement,
        level: level.current as HTMLElement,
        voi: voi.current as HTMLElement,
        failed: failed.current as HTMLElement,
        scaleBar: scaleBar.current as HTMLElement,
        scaleLabel: scaleLabel.current as HTMLElement,
        scrollThumb: thumb.current as HTMLElement,
        scrollTrack: track.current as HTMLElement,
      },
    });
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(resizeViewports);
    });
    ro.observe(element.current);
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame);
      detachPane(pane);
    };
  }, [pane]);

  const showImage = status.kind === 'ready' || status.kind === 'loading';
  const letters = status.stack?.letters;
  // Follows the series shown: an axial put into the Sagittal T1 pane is headed "Axial T2" (the region keeps its name).
  const heading = (showImage && status.stack?.heading) || { text: info.title, foreign: false };
  const name = personName(patientName);
  const elementId = `${info.viewportId}-element`;
  return (
    <section
      ref={region}
      role="region"
      aria-label={`${info.title} viewer`}
      data-testid={testId}
      data-pane={pane}
      data-marker="none"
      data-reference-lines="0"
      tabIndex={0}
      onKeyDown={(e) => {
        if (handleViewerKey(pane, e)) e.preventDefault();
      }}
      onPointerDown={() => region.current?.focus({ preventScroll: true })}
      onFocus={() => updateViewerUi({ activePane: pane })}
      className={`flex min-h-0 min-w-0 flex-col rounded border bg-black outline-none focus-visible:ring-1 focus-visible:ring-sky-500 ${isActive ? 'border-sky-800' : 'border-zinc-800'}`}
    >
      <div className="flex shrink-0 items-center gap-2 border-b border-zinc-800 px-2 py-0.5">
        <h2
          data-testid="pane-heading"
          title={heading.foreign ? `${info.title} pane, showing another series: ${heading.text}` : undefined}
          className={`shrink-0 whitespace-nowrap text-xs font-semibold uppercase tracking-wide ${heading.foreign ? 'text-amber-300' : 'text-zinc-300'}`}
        >
          {heading.text}
        </h2>
        <span className="min-w-0 truncate text-[11px] text-zinc-400">
          {status.stack?.seriesDescription ?? ''}
        </span>
        <PaneNavControls pane={pane} title={info.title} />
      </div>
      <div className="relative min-h-0 flex-1 overflow-hidden">
        <div
          ref={element}
          id={elementId}
          data-cornerstone-element=""
          className="absolute inset-0"
          style={{ visibility: showImage ? 'visible' : 'hidden' }}
          onContextMenu={(e) => e.preventDefault()}
        />
        {/* The whole name, wrapped inside the left half (clear of the top letter); the series is in the header. */}
        <div className={`${CORNER} left-2 top-1.5 flex w-[calc(50%-1.25rem)] flex-col`} hidden={!showImage}>
          <span
            data-testid="overlay-patient"
            title={name}
            className="pointer-events-auto cursor-default font-semibold [overflow-wrap:anywhere]"
          >
            {name}
          </span>
        </div>
        <div className={`${CORNER} right-5 top-1.5 flex max-w-[42%] flex-col items-end`} hidden={!showImage}>
          <span ref={slice} data-testid="overlay-slice" />
          <span ref={position} />
          <span ref={level} data-testid="overlay-slice-level" className="text-amber-200" />
        </div>
        <div className={`${CORNER} bottom-1.5 left-2 flex max-w-[70%] flex-col`} hidden={!showImage}>
          {status.kind === 'ready' && status.message && (
            <span className="text-amber-300" data-testid="overlay-failed-slices">
              {status.message}
            </span>
          )}
          <span ref={failed} className="line-clamp-2 break-all text-amber-300" />
          <span ref={voi} data-testid="overlay-voi" />
        </div>
        <div className={`${CORNER} bottom-1.5 right-5 flex flex-col items-end`} hidden={!showImage}>
          <span ref={scaleLabel} />
          <div
            ref={scaleBar}
            data-testid="scale-bar"
            className="h-1.5 border-x border-b border-zinc-200"
            style={{ width: 0 }}
          />
        </div>
        {letters && showImage && (
          <>
            <span className={`${LETTER} left-1/2 top-1 -translate-x-1/2`} data-testid="orientation-top">
              {letters.top}
            </span>
            <span className={`${LETTER} bottom-1 left-1/2 -translate-x-1/2`}>{letters.bottom}</span>
            <span className={`${LETTER} left-1 top-1/2 -translate-y-1/2`}>{letters.left}</span>
            <span className={`${LETTER} right-4 top-1/2 -translate-y-1/2`}>{letters.right}</span>
          </>
        )}
        <div hidden={!showImage}>
          <ScrollBar
            sliceCount={status.stack?.sliceCount ?? 0}
            controls={elementId}
            label={`${info.title} slice`}
            trackRef={track}
            thumbRef={thumb}
            onSlice={(k) => void goToSlice(pane, k)}
          />
        </div>
        {!showImage && <PaneMessage kind={status.kind} message={status.message} purpose={info.purpose} />}
        {status.kind === 'loading' && (
          <p className="pointer-events-none absolute inset-x-0 top-1/2 z-10 text-center text-xs text-zinc-400">
            {status.message}
          </p>
        )}
      </div>
    </section>
  );
}

function PaneMessage({
  kind,
  message,
  purpose,
}: {
  kind: string;
  message?: string;
  purpose: string;
}): JSX.Element {
  return (
    <div className="absolute inset-0 flex flex-col items-center justify-center gap-1 p-4 text-center text-sm text-zinc-400 wrap-anywhere">
      {kind === 'error' ? (
        <p role="alert" className="text-amber-200">
          These images cannot be shown: {message}
        </p>
      ) : (
        <p>{kind === 'empty' ? message : 'No series loaded'}</p>
      )}
      <p className="text-xs">{purpose}</p>
    </div>
  );
}
