/**
 * Cell jumps and UI round trips of `npm run bench:viewer`: each findings cell clicked, timed to the last
 * IMAGE_RENDERED once the key pane shows the key slice; getAppInfo round trips while a second study is
 * imported and analysed through the contract. In-page code is passed as text.
 */
import type { Page } from 'playwright-core';
import type { AnalysisBundle } from '../../main/shared/analysis';
import type { StudyListItem } from '../../main/shared/apiRecords';
import type { ProbeLogEntry } from './probe';
import { call } from './app';
import { waitIn } from './measure';

/** Quiet time after the last render before a jump counts as finished (ms). */
const SETTLE_MS = 250;

export interface JumpRun {
  ms: number[];
  /** Cells whose key pane did not reach the key slice in 5 s (condition level). */
  missed: string[];
  withoutKeyLocation: number;
}

/** The newest stored analysis of the study open in the workspace. */
export async function openAnalysis(page: Page, studyInstanceUid: string): Promise<AnalysisBundle> {
  const studies = await call<StudyListItem[]>(page, 'listStudies');
  const item = studies.find((s) => s.study.studyInstanceUid === studyInstanceUid);
  const id = item?.analyses[0]?.analysisId;
  if (!id) throw new Error(`no stored analysis of ${studyInstanceUid}`);
  return call<AnalysisBundle>(page, 'getAnalysis', { analysisId: id });
}

/** Click every findings cell once, in grid order. */
export async function cellJumps(page: Page, bundle: AnalysisBundle): Promise<JumpRun> {
  const cells = page.getByRole('grid', { name: 'Findings' }).getByRole('gridcell');
  const out: JumpRun = { ms: [], missed: [], withoutKeyLocation: 0 };
  const count = await cells.count();
  for (let i = 0; i < count; i++) {
    const cell = cells.nth(i);
    const condition = await cell.getAttribute('data-condition');
    const level = await cell.getAttribute('data-level');
    const key = bundle.analysis.findings.find((f) => f.condition === condition && f.level === level)?.keyLocation;
    if (!key) {
      out.withoutKeyLocation++;
      continue;
    }
    const n = (await page.evaluate('window.__probe.log.length')) as number;
    await cell.click();
    const done = `(([n, series, k, settle]) => {
      const since = window.__probe.log.slice(n);
      const click = since.find((e) => e.kind === 'click');
      if (!click) return false;
      const renders = since.filter((e) => e.kind === 'render' && e.t >= click.t);
      if (renders.length === 0) return false;
      const region = [...document.querySelectorAll('[role="region"][data-series-uid]')].find((r) => r.getAttribute('data-series-uid') === series);
      if (!region || region.getAttribute('data-slice-index') !== String(k)) return false;
      return performance.now() - renders[renders.length - 1].t > settle;
    })`;
    const ok = await waitIn(page, done, [n, key.seriesInstanceUid, key.sliceIndex, SETTLE_MS], 5000, 50);
    if (!ok) {
      out.missed.push(`${condition} ${level}`);
      continue;
    }
    const since = ((await page.evaluate('window.__probe.log.slice()')) as ProbeLogEntry[]).slice(n);
    const click = since.find((e) => e.kind === 'click');
    const renders = since.filter((e) => e.kind === 'render' && click && e.t >= click.t);
    if (click && renders.length) out.ms.push(renders[renders.length - 1].t - click.t);
  }
  return out;
}

export interface RttRun {
  rttMs: number[];
  idleRttMs: number[];
  analyses: number;
  analysisMs: number[];
  /** The second study, imported and analysed here. */
  studyInstanceUid: string;
}

/** Import `studyPath` through the contract, then analyse it (up to 5 times, until >= 100 samples) while timing getAppInfo. */
export async function rttDuringAnalysis(page: Page, studyPath: string): Promise<RttRun> {
  const fn = `async (studyPath) => {
    const call = async (m, a) => {
      const r = await (await fetch('/api/' + m, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: a === undefined ? '' : JSON.stringify(a) })).json();
      if (!r.ok) throw new Error(m + ': ' + (r.error && r.error.message));
      return r.value;
    };
    const idleRttMs = [];
    for (let i = 0; i < 30; i++) { const s = performance.now(); await call('getAppInfo'); idleRttMs.push(performance.now() - s); }
    const imp = await call('importStudy', { paths: [studyPath] });
    const uid = imp.studies[0].studyInstanceUid;
    const rttMs = []; const analysisMs = []; let analyses = 0;
    while (analyses < 5 && rttMs.length < 100) {
      let done = false; let failed = null;
      const t0 = performance.now();
      const p = call('analyzeStudy', { studyInstanceUid: uid }).then(() => { done = true; analysisMs.push(performance.now() - t0); }, (e) => { done = true; failed = e; });
      while (!done) { const s = performance.now(); await call('getAppInfo'); if (!done) rttMs.push(performance.now() - s); }
      await p;
      if (failed) throw failed;
      analyses++;
    }
    return { rttMs, idleRttMs, analyses, analysisMs, studyInstanceUid: uid };
  }`;
  return (await page.evaluate(`(${fn})(${JSON.stringify(studyPath)})`)) as RttRun;
}
