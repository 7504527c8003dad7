/**
 * PDF of the summary through real Chromium, read back with poppler's pdftotext; Encapsulated PDF read back
 * with dcmdump. Synthetic findings: this tests the report, not the model.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildReportHtml } from '../../../../main/engine/report/buildReportHtml';
import { writeEncapsulatedPdfBeside } from '../../../../main/engine/report/encapsulatedPdf';
import { buildKeyImages } from '../../../../main/engine/report/keyImages';
import { chromiumPath, printReportPdf } from '../../../../main/engine/report/printReportPdf';
import { reviewFindings } from '../../../../main/engine/report/reviewedFindings';
import { AppError } from '../../../../main/shared/errors';
import { PHANTOM_MODEL_BANNER } from '../../../../main/shared/intendedUse';
import { allTargets, targetColumn } from '../../../../main/shared/targets';
import { analysisRecord, studyInfo, tempDir } from '../store/fixtures';
import { fixtureStacks } from './syntheticSlices';

const has = (bin: string): boolean => {
  try {
    execFileSync('which', [bin], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const missing = [
  ...(existsSync(chromiumPath()) ? [] : [`Chromium at ${chromiumPath()}`]),
  ...['pdftotext', 'pdfinfo', 'dcmdump'].filter((b) => !has(b)),
];
if (missing.length)
  console.warn(
    `SKIPPED printReportPdf tests: missing ${missing.join(', ')} (apt-get install chromium poppler-utils dcmtk)`,
  );

const MODEL_SHA = '3f9a1c0e5b7d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a';
const dir = tempDir('pdf');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixtureHtml(paper: 'A4' | 'Letter'): {
  html: string;
  study: ReturnType<typeof studyInfo>;
  analysis: ReturnType<typeof analysisRecord>;
} {
  const analysis = analysisRecord('pdf-1', undefined, {
    spinal_canal_stenosis_l4_l5: 2,
    left_neural_foraminal_narrowing_l4_l5: 1,
    right_subarticular_stenosis_l5_s1: 2,
  });
  analysis.model.sha256 = MODEL_SHA;
  const study = studyInfo(undefined, { patientName: 'Test^Pdf' });
  const reviewed = reviewFindings(analysis.findings, []);
  const keyImages = buildKeyImages(analysis, reviewed, fixtureStacks());
  return {
    html: buildReportHtml({ study, analysis, overrides: [], signOff: null, keyImages, paper }),
    study,
    analysis,
  };
}

function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim().length > 0);
}

describe.skipIf(missing.length > 0)('printReportPdf (Chromium)', () => {
  it('prints the banner on every page, all 25 targets, the model sha256 and the impression', async () => {
    const { html, study, analysis } = fixtureHtml('A4');
    const file = path.join(dir, 'summary.pdf');
    const r = await printReportPdf(html, file, { paper: 'A4' });
    expect(r.blockedRequests).toEqual([]);
    const pages = pdfPages(file);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, page] of pages.entries()) {
      const flat = page.replace(/\s+/g, ' ');
      expect(flat, `page ${i + 1}`).toContain(PHANTOM_MODEL_BANNER);
      expect(flat, `page ${i + 1}`).toContain('INTENDED USE: Research use only');
      expect(flat, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    }
    const all = pages.join('\n');
    for (const t of allTargets()) expect(all).toContain(targetColumn(t.condition, t.level));
    expect(all.replace(/\s+/g, '')).toContain(MODEL_SHA);
    expect(all).toContain('L4/L5: severe spinal canal stenosis; moderate left neural foraminal narrowing');
    expect(all).toContain('L5/S1: severe right subarticular stenosis');
    expect(all).toContain('NOT SIGNED');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      /Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/,
    );

    const dcm = await writeEncapsulatedPdfBeside(file, study, analysis, '2024-03-16T10:00:00Z');
    expect(dcm).toBe(path.join(dir, 'summary.dcm'));
    const dump = execFileSync(
      'dcmdump',
      ['+P', '0008,0016', '+P', '0042,0012', '+P', '0042,0015', '+P', '0010,0020', dcm],
      { encoding: 'utf8' },
    );
    expect(dump).toContain('=EncapsulatedPDFStorage');
    expect(dump).toContain('[application/pdf]');
    expect(dump).toContain(`UL ${r.bytes}`);
    const bytes = readFileSync(dcm);
    expect(bytes.includes(readFileSync(file))).toBe(true);
  });

  it('prints on Letter paper', async () => {
    const file = path.join(dir, 'letter.pdf');
    await printReportPdf(fixtureHtml('Letter').html, file, { paper: 'Letter' });
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      /Page size:\s+612 x 792 pts \(letter\)/,
    );
  });

  it('blocks every request that would leave the machine and still prints', async () => {
    const file = path.join(dir, 'blocked.pdf');
    const html =
      '<html><body><p>x</p><img src="http://192.0.2.1/x.png"><link rel="stylesheet" href="https://example.invalid/a.css"></body></html>';
    const r = await printReportPdf(html, file, { paper: 'A4' });
    expect(r.blockedRequests.sort()).toEqual(['http://192.0.2.1/x.png', 'https://example.invalid/a.css']);
    expect(existsSync(file)).toBe(true);
  });
});

describe('printReportPdf without a working Chromium (no Chromium needed)', () => {
  const saved = process.env.SPINEGRADE_CHROMIUM;
  afterEach(() => {
    if (saved === undefined) delete process.env.SPINEGRADE_CHROMIUM;
    else process.env.SPINEGRADE_CHROMIUM = saved;
  });

  async function printError(outDir: string): Promise<AppError> {
    mkdirSync(outDir, { recursive: true });
    const err: unknown = await printReportPdf('<p>x</p>', path.join(outDir, 'x.pdf'), { paper: 'A4' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(readdirSync(outDir)).toEqual([]);
    return err as AppError;
  }

  it('SPINEGRADE_CHROMIUM naming no file: EXPORT_FAILED saying how to install or point to Chromium', async () => {
    process.env.SPINEGRADE_CHROMIUM = path.join(dir, 'no-such-chromium');
    const err = await printError(path.join(dir, 'missing-out'));
    expect(err.code).toBe('EXPORT_FAILED');
    expect(err.message).toBe(
      `Chromium at ${path.join(dir, 'no-such-chromium')} could not be started (no such file); ` +
        'install it with apt-get install chromium or set SPINEGRADE_CHROMIUM to the path of a Chromium binary.',
    );
  });

  it('a binary that exits at once: EXPORT_FAILED with the first line of the launch error, not the raw error', async () => {
    const fake = path.join(dir, 'fake-chromium.sh');
    writeFileSync(fake, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    process.env.SPINEGRADE_CHROMIUM = fake;
    const err = await printError(path.join(dir, 'fake-out'));
    expect(err.code).toBe('EXPORT_FAILED');
    expect(err.message.startsWith(`Chromium at ${fake} could not be started (`), err.message).toBe(true);
    expect(err.message).toContain('); install it with apt-get install chromium or set SPINEGRADE_CHROMIUM');
    expect(err.message).not.toContain('browserType.launch');
    expect(err.message).not.toContain('\n');
  });
});
