/**
 * The intended-use banner: always on top of every screen and overlay, no close button, text from the
 * engine (getAppInfo). Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import { PHANTOM_MODEL_BANNER } from '../../../main/shared/intendedUse';
import type { AppInfoState } from '../useAppInfo';

/** Shows the engine's intended-use text; until it arrives (or if it cannot), the built-in phantom banner. */
export function IntendedUseBanner({ info }: { info: AppInfoState }): JSX.Element {
  const text = info.state === 'ready' ? info.info.intendedUse : PHANTOM_MODEL_BANNER;
  return (
    <div
      role="note"
      aria-label="Intended use"
      data-testid="intended-use-banner"
      className="relative z-50 shrink-0 bg-amber-400 px-4 py-1 text-center text-xs font-semibold text-zinc-950"
    >
      {text}
      {info.state === 'ready' && <span className="ml-3 font-normal">{info.info.exclusions}</span>}
    </div>
  );
}
