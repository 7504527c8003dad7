/** Tests the summary HTML with synthetic findings (it tests the report, not the model). */
import { describe, expect, it } from 'vitest';
import { buildReportHtml, intendedUseBanner } from '../../../../main/engine/report/buildReportHtml';
import { buildKeyImages } from '../../../../main/engine/report/keyImages';
import { reviewFindings } from '../../../../main/engine/report/reviewedFindings';
import { PHANTOM_MODEL_BANNER } from '../../../../main/shared/intendedUse';
import { allTargets, targetColumn } from '../../../../main/shared/targets';
import { analysisRecord, studyInfo } from '../store/fixtures';
import { fixtureStacks } from './syntheticSlices';

const HOSTILE = '<script>alert(1)</script>&<img src=x onerror=alert(2)>';

function report(
  opts: { signed?: boolean; addendum?: boolean; paper?: 'A4' | 'Letter'; intendedUse?: string } = {},
): string {
  const analysis = analysisRecord('a-77', undefined, { spinal_canal_stenosis_l4_l5: 2 });
  if (opts.intendedUse !== undefined) analysis.model.intendedUse = opts.intendedUse;
  const overrides = [
    {
      analysisId: 'a-77',
      condition: 'spinal_canal_stenosis' as const,
      level: 'l4_l5' as const,
      grade: 'Moderate' as const,
      note: HOSTILE,
      reader: 'Dr <A>',
      createdAt: '2024-03-16T11:00:00Z',
      addendum: false,
    },
    ...(opts.addendum
      ? [
          {
            analysisId: 'a-77',
            condition: 'spinal_canal_stenosis' as const,
            level: 'l4_l5' as const,
            grade: 'Severe' as const,
            note: 'on review',
            reader: 'Dr B',
            createdAt: '2024-03-17T09:00:00Z',
            addendum: true,
          },
        ]
      : []),
  ];
  const reviewed = reviewFindings(analysis.findings, overrides);
  return buildReportHtml({
    study: studyInfo(undefined, {
      patientName: 'Evil^<script>alert(1)</script>&co',
      institutionName: HOSTILE,
      accessionNumber: 'A & B <Clinic>',
    }),
    analysis,
    overrides,
    signOff: opts.signed ? { analysisId: 'a-77', reader: 'Dr <A>', signedAt: '2024-03-16T12:00:00Z' } : null,
    keyImages: buildKeyImages(analysis, reviewed, fixtureStacks()),
    paper: opts.paper,
  });
}

describe('buildReportHtml', () => {
  it('escapes every DICOM and reader string', () => {
    const html = report({ signed: true });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('Dr <A>');
    expect(html).toContain('Evil, &lt;script&gt;alert(1)&lt;/script&gt;&amp;co');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('A &amp; B &lt;Clinic&gt;');
    expect(html).toContain('Signed by <b>Dr &lt;A&gt;</b>');
  });

  it('always carries the intended-use banner with the synthetic-data statement', () => {
    expect(intendedUseBanner('')).toBe(PHANTOM_MODEL_BANNER);
    expect(intendedUseBanner(`Research. ${PHANTOM_MODEL_BANNER}`)).toBe(`Research. ${PHANTOM_MODEL_BANNER}`);
    const html = report({ intendedUse: '' });
    expect(html).toMatch(
      new RegExp(
        `<thead><tr><td><div class="banner" role="note">INTENDED USE: ${PHANTOM_MODEL_BANNER.replace('.', '\\.')}`,
      ),
    );
  });

  it('shows every target, the model hash, the AI grade beside the reader grade, and NOT SIGNED', () => {
    const html = report();
    for (const t of allTargets()) expect(html).toContain(`<td>${targetColumn(t.condition, t.level)}</td>`);
    expect(html).toContain('ab'.repeat(32));
    expect(html).toContain('Reader (Dr &lt;A&gt;); AI: Severe');
    expect(html).toContain('NOT SIGNED');
    expect(html).toContain('L4/L5: moderate spinal canal stenosis');
  });

  it('keeps the signed report and lists addenda apart', () => {
    const html = report({ signed: true, addendum: true });
    expect(html).not.toContain('NOT SIGNED');
    expect(html).toContain('L4/L5: moderate spinal canal stenosis');
    expect(html).toMatch(
      /ADDENDUM 2024-03-17 09:00 UTC, Dr B: L4\/L5 spinal canal stenosis graded Severe \(AI: Severe; signed report: Moderate\)\. Note: on review/,
    );
  });

  it('is self-contained: no external URL is fetched, and the paper size is set', () => {
    const html = report({ paper: 'Letter' });
    expect(html).not.toMatch(/(src|href)="(?!data:)/);
    expect(html).toContain('size: letter portrait');
    expect(report()).toContain('size: A4 portrait');
    // The sagittal only: the AI's severe L4/L5 finding was downgraded to Moderate by the reader.
    expect((html.match(/<svg /g) ?? []).length).toBe(1);
  });
});
