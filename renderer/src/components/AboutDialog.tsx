/**
 * The About box: version, platform, ONNX Runtime providers, the viewer's render path, intended use.
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import { GRADE_SCALE_NOTE, LEVEL_NUMBERING_CAVEAT } from '../../../main/shared/intendedUse';
import type { AppInfoState } from '../useAppInfo';
import { RenderPathSetting } from '../viewer/RenderPathSetting';
import { useWorkspace } from '../workspace/workspace';
import { Modal } from './Modal';

/** About SpineGrade. */
export function AboutDialog({ info, onClose }: { info: AppInfoState; onClose: () => void }): JSX.Element {
  const viewer = useWorkspace((s) => s.viewerInfo);
  const rows: Array<[string, string]> =
    info.state === 'ready'
      ? [
          ['Version', `${info.info.appName} ${info.info.appVersion}`],
          ['Platform', `${info.info.platform}/${info.info.arch}`],
          [
            'ONNX Runtime',
            info.info.onnxRuntime.available
              ? info.info.onnxRuntime.providers
                  .map((p) => `${p.name}${p.bundled ? '' : ' (download needed)'}`)
                  .join(', ')
              : (info.info.onnxRuntime.error ?? 'not available'),
          ],
        ]
      : [['Engine', info.state === 'error' ? info.message : 'connecting…']];
  rows.push([
    'Viewer render path',
    viewer ? `${viewer.renderPath} (${viewer.webglRenderer || 'no WebGL'})` : 'no images shown yet',
  ]);
  return (
    <Modal title="About SpineGrade" onClose={onClose}>
      <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 text-xs" data-testid="about">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-400">{k}</dt>
            <dd className="break-words text-zinc-100">{v}</dd>
          </div>
        ))}
      </dl>
      <RenderPathSetting />
      <div className="mt-3 flex flex-col gap-1 text-xs text-zinc-300">
        {info.state === 'ready' && <p className="font-semibold text-amber-300">{info.info.intendedUse}</p>}
        {info.state === 'ready' && <p>{info.info.exclusions}</p>}
        <p>{GRADE_SCALE_NOTE}</p>
        <p>{LEVEL_NUMBERING_CAVEAT}</p>
        <p>Nothing leaves this computer: no network calls, no telemetry.</p>
      </div>
    </Modal>
  );
}
