/**
 * The one Cornerstone tool group of the three viewports and its mouse bindings:
 * primary drag W/L (Length while measuring), right drag W/L, middle drag pan, Ctrl+drag zoom, wheel scroll.
 * Shift+primary is left free for the 3D cursor. Renderer code: only main/shared.
 */
import {
  addTool,
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import { RENDERING_ENGINE_ID, TOOL_GROUP_ID } from './panes';
import { TargetMarkerTool } from './TargetMarkerTool';

const { MouseBindings, KeyboardBindings } = ToolEnums;
const PRIMARY = { mouseButton: MouseBindings.Primary };

let registered = false;

/** Add the tool classes to Cornerstone once (addTool is global). */
export function registerViewerTools(): void {
  if (registered) return;
  for (const T of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, TargetMarkerTool]) addTool(T);
  registered = true;
}

/** The window's tool group, created with its bindings on first call. */
export function viewerToolGroup(): ToolTypes.IToolGroup {
  const existing = ToolGroupManager.getToolGroup(TOOL_GROUP_ID);
  if (existing) return existing;
  const group = ToolGroupManager.createToolGroup(TOOL_GROUP_ID);
  if (!group) throw new Error('Cornerstone did not create the viewer tool group');
  group.addTool(WindowLevelTool.toolName);
  group.addTool(PanTool.toolName);
  group.addTool(ZoomTool.toolName);
  group.addTool(StackScrollTool.toolName, { debounceIfNotLoaded: false });
  group.addTool(LengthTool.toolName);
  group.addTool(TargetMarkerTool.toolName);
  group.setToolActive(WindowLevelTool.toolName, {
    bindings: [PRIMARY, { mouseButton: MouseBindings.Secondary }],
  });
  group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  group.setToolActive(ZoomTool.toolName, {
    bindings: [
      { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Ctrl },
      { mouseButton: MouseBindings.Secondary, modifierKey: KeyboardBindings.Ctrl },
    ],
  });
  group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  // Passive: existing lengths are drawn and their handles can be moved; new ones only in length mode.
  group.setToolPassive(LengthTool.toolName);
  group.setToolEnabled(TargetMarkerTool.toolName);
  return group;
}

/** Add a viewport of the rendering engine to the tool group. */
export function addViewportToTools(viewportId: string): void {
  viewerToolGroup().addViewport(viewportId, RENDERING_ENGINE_ID);
}

export function removeViewportFromTools(viewportId: string): void {
  ToolGroupManager.getToolGroup(TOOL_GROUP_ID)?.removeViewports(RENDERING_ENGINE_ID, viewportId);
}

/** Length mode: primary drag draws a length (W/L stays on the right button); off: primary is W/L again. */
export function setLengthMode(on: boolean): void {
  const group = viewerToolGroup();
  if (on) {
    group.setToolPassive(WindowLevelTool.toolName);
    group.setToolActive(LengthTool.toolName, { bindings: [PRIMARY] });
  } else {
    group.setToolPassive(LengthTool.toolName);
    group.setToolActive(WindowLevelTool.toolName, { bindings: [PRIMARY] });
  }
}
