/**
 * The viewer passes of `npm run bench:viewer` on the open study: 100 wheel steps on Sagittal T2 (linked
 * sagittal scrolling as the app starts, default on), the same with the Link toggle off, setImageIdIndex,
 * the cell jumps; with `profile`, one more wheel pass under the CPU profiler (not timed).
 */
import type { Page } from 'playwright-core';
import type { StudyListItem } from '../../main/shared/apiRecords';
import type { StackDetail, StudyDetail } from '../../main/shared/apiWorkspace';
import { linkedSliceOf } from '../../renderer/src/viewer/geometry/linkedScroll';
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
  /** Where the linked Sagittal T1 ended after the linked wheel pass, against the slice nearest the T2's position. */
  linkedFollow: LinkedFollow | null;
  jumps: JumpRun;
  profile: ProfileSummary | null;
}

export interface LinkedFollow {
  t2Slice: number;
  t1Slice: number;
  expectedT1Slice: number;
  ok: boolean;
}

/** The stack a region shows, from its data attributes and the study detail. */
async function regionStack(page: Page, name: string, detail: StudyDetail): Promise<{ stack: StackDetail; k: number } | null> {
  const region = page.getByRole('region', { name, exact: true });
  const uid = await region.getAttribute('data-series-uid');
  const index = Number(await region.getAttribute('data-stack-index'));
  const stack = detail.series.flatMap((s) => s.stacks).find((s) => s.seriesInstanceUid === uid && s.stackIndex === index);
  return stack ? { stack, k: Number(await region.getAttribute('data-slice-index')) } : null;
}

/** After the linked pass (and 500 ms quiet): the T1's slice against the one nearest the T2's last slice. */
async function linkedFollow(page: Page): Promise<LinkedFollow | null> {
  await page.waitForTimeout(500);
  const uid = (await call<StudyListItem[]>(page, 'listStudies'))[0]?.study.studyInstanceUid;
  if (!uid) return null;
  const detail = await call<StudyDetail>(page, 'getStudyDetail', { studyInstanceUid: uid });
  const t2 = await regionStack(page, REGION, detail);
  const t1 = await regionStack(page, 'Sagittal T1 viewer', detail);
  const hit = t2 && t1 ? linkedSliceOf(t2.stack.geometry, t2.k, t1.stack.geometry) : null;
  if (!t2 || !t1 || !hit) return null;
  return { t2Slice: t2.k, t1Slice: t1.k, expectedT1Slice: hit.sliceIndex, ok: t1.k === hit.sliceIndex };
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
  const follow = await linkedFollow(page);
  if (follow && !follow.ok) notes.push(`linked scrolling: Sagittal T1 ended at slice ${follow.t1Slice}, not ${follow.expectedT1Slice} (nearest the T2's slice ${follow.t2Slice}).`);
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
  return { pane, wheel, unlinked, slice, linkedFollow: follow, jumps, profile: prof };
}
