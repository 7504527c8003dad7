/**
 * The viewer passes of `npm run bench:viewer` on the open study: 100 wheel steps on Sagittal T2 (linked
 * sagittal scrolling as the app starts, default on), the same with the Link toggle off, setImageIdIndex,
 * the cell jumps; with `profile`, one more wheel pass under the CPU profiler (not timed).
 */
import type { Page } from 'playwright-core';
import type { StudyListItem } from '../../main/shared/apiRecords';
import { appScroll, appSliceRender, call, paneInfo, type PaneInfo } from './app';
import { cellJumps, openAnalysis, type JumpRun } from './jumps';
import type { WheelRun } from './measure';
import { profiled, type ProfileSummary } from './profile';

export const REGION = 'Sagittal T2 viewer';

export interface ViewerPasses {
  pane: PaneInfo;
  wheel: WheelRun;
  /** The same steps with linked sagittal scrolling off (null when the app has no Link toggle). */
  unlinked: WheelRun | null;
  slice: { ms: number[]; missed: number } | null;
  jumps: JumpRun;
  profile: ProfileSummary | null;
}

/** Set the "Link sagittal scrolling" toggle; false when there is none. */
async function setLinked(page: Page, on: boolean): Promise<boolean> {
  const toggle = page.getByRole('button', { name: 'Link sagittal scrolling', exact: true }).first();
  if ((await toggle.count()) === 0) return false;
  if (((await toggle.getAttribute('aria-pressed')) === 'true') !== on) await toggle.click();
  await page.waitForTimeout(200);
  return true;
}

export async function viewerPasses(page: Page, notes: string[], profile: boolean): Promise<ViewerPasses> {
  await page.waitForTimeout(500);
  const pane = await paneInfo(page, REGION);
  const wheel = await appScroll(page, REGION, pane);
  let unlinked: WheelRun | null = null;
  if (await setLinked(page, false)) {
    unlinked = await appScroll(page, REGION, await paneInfo(page, REGION));
    await setLinked(page, true);
  } else notes.push('scroll_frame_ms_p95_unlinked: no "Link sagittal scrolling" toggle; not measured.');
  const slice = await appSliceRender(page, 'sagittalT2', pane);
  if (!slice) notes.push('slice_render_ms_p95: the renderer exposes no viewer API on window (window.spinegradeViewer); not measured.');
  const prof = profile ? (await profiled(page, () => appScroll(page, REGION, pane))).profile : null;
  const uid = (await call<StudyListItem[]>(page, 'listStudies'))[0].study.studyInstanceUid;
  const jumps = await cellJumps(page, await openAnalysis(page, uid));
  return { pane, wheel, unlinked, slice, jumps, profile: prof };
}
