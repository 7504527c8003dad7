/**
 * The select of a configured PACS node, labelled; options name the protocol (retrieve, or send with `forSend`).
 * Renderer code: imports only main/shared, never node or the engine.
 */
import type { JSX } from 'react';
import type { PacsNodeInfo } from '../../../main/shared/apiPacs';
import { nodeLabel } from './pacsText';

export interface NodeSelectProps {
  label: string;
  nodes: PacsNodeInfo[];
  chosen: string;
  onChoose: (name: string) => void;
  forSend?: boolean;
  disabled?: boolean;
  /** Grow along a row (the send bar); the PACS tab stacks it instead. */
  grow?: boolean;
}

/** One labelled select. */
export function NodeSelect({
  label,
  nodes,
  chosen,
  onChoose,
  forSend = false,
  disabled = false,
  grow = false,
}: NodeSelectProps): JSX.Element {
  return (
    <label className={`flex min-w-0 flex-col gap-0.5 text-[11px] text-zinc-400 ${grow ? 'flex-1' : ''}`}>
      {label}
      <select
        value={chosen}
        disabled={disabled}
        onChange={(e) => onChoose(e.target.value)}
        className="rounded border border-zinc-700 bg-zinc-950 px-1 py-0.5 text-zinc-100"
      >
        {nodes.map((n) => (
          <option key={n.name} value={n.name} title={n.address}>
            {nodeLabel(n, forSend)}
          </option>
        ))}
      </select>
    </label>
  );
}
