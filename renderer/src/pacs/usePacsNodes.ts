/**
 * The configured PACS nodes (pacsListNodes: a read of the node configuration, no network) and the chosen
 * one. Renderer code: imports only main/shared, never node or the engine.
 */
import { useEffect, useState } from 'react';
import type { SpineGradeApi } from '../../../main/shared/api';
import type { PacsNodeInfo } from '../../../main/shared/apiPacs';

export interface PacsNodesState {
  /** null while loading. */
  nodes: PacsNodeInfo[] | null;
  error: string;
  chosen: string;
  choose: (name: string) => void;
}

/** Load the node list once per mount (and again when `reloadKey` changes). */
export function usePacsNodes(api: Pick<SpineGradeApi, 'pacsListNodes'>, reloadKey = 0): PacsNodesState {
  const [nodes, setNodes] = useState<PacsNodeInfo[] | null>(null);
  const [error, setError] = useState('');
  const [chosen, choose] = useState('');
  useEffect(() => {
    let live = true;
    void api
      .pacsListNodes()
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          setNodes(r.value);
          setError('');
          choose((c) => (r.value.some((n) => n.name === c) ? c : (r.value[0]?.name ?? '')));
        } else {
          setNodes([]);
          setError(r.error.message);
        }
      })
      .catch((e: unknown) => {
        if (!live) return;
        setNodes([]);
        setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, [api, reloadKey]);
  return { nodes, error, chosen, choose };
}
