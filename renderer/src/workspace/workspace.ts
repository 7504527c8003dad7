/**
 * The window's one workspace: the store and its actions bound to the page's API, plus the hook React
 * reads it with. Renderer code: imports only main/shared, never node or the engine.
 */
import { api } from '../api';
import { loadAutoAnalyze, loadReaderName } from './readerName';
import { createWorkspaceActions, type WorkspaceActions } from './workspaceActions';
import { useStoreSlice, WorkspaceStore, type WorkspaceState } from './workspaceStore';

/** The store of this window. */
export const workspace: WorkspaceStore = new WorkspaceStore({
  reader: loadReaderName(),
  autoAnalyze: loadAutoAnalyze(),
});

/** The actions of this window. */
export const actions: WorkspaceActions = createWorkspaceActions(api, workspace);

/** A slice of the workspace state (re-renders when it changes by reference). */
export function useWorkspace<T>(select: (s: WorkspaceState) => T): T {
  return useStoreSlice(workspace, select);
}
