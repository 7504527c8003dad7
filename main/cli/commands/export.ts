/**
 * `export ID [--html F] [--pdf F]`: the structured summary of a stored analysis as HTML and/or PDF (plus a
 * DICOM Encapsulated PDF beside the PDF), through the engine's exportStoredReport: all-or-nothing, audited.
 */
import { outputTarget } from '../../engine/analysis/stagedFiles';
import { exportStoredReport } from '../../engine/analysis/storedStudy';
import { storedSrDocument, writeStoredSr } from '../../engine/report/sr/storedSr';
import type { Paper } from '../../engine/report/reportCss';
import { AppError } from '../../shared/errors';
import { parseCommandArgs, usageError } from '../args';
import { EXIT, type CliCommand } from '../command';
import { STORE_OPTION, storeUsageLine, withStore } from '../storeOption';

const USAGE = `Usage: spinegrade export ID [--html FILE] [--pdf FILE] [--sr FILE] [--paper A4|Letter] [--no-dicom] [--store DIR]
Writes the structured findings summary of a stored analysis. Key images are re-read from the imported
files after checking their content hashes.
  ID            analysis ID from "list" (or a unique prefix)
  --html FILE   self-contained HTML summary
  --pdf FILE    PDF summary (Chromium: /usr/bin/chromium or SPINEGRADE_CHROMIUM); a DICOM Encapsulated PDF
                is written beside it with the extension .dcm unless --no-dicom
  --sr FILE     DICOM Comprehensive SR (TID 1500 Measurement Report) of the findings, overrides and sign-off
  --paper SIZE  A4 (default) or Letter
${storeUsageLine()}`;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write the findings summary as HTML / PDF (+ DICOM Encapsulated PDF) / DICOM SR',
  usage: USAGE,
  async run(argv, io) {
    const options = {
      ...STORE_OPTION,
      html: { type: 'string' },
      pdf: { type: 'string' },
      paper: { type: 'string' },
      'no-dicom': { type: 'boolean' },
      sr: { type: 'string' },
    } as const;
    const { values, positionals } = parseCommandArgs(argv, options, USAGE);
    if (positionals.length !== 1) return usageError(io, 'export takes one analysis ID.', USAGE);
    const srFile = typeof values.sr === 'string' ? outputTarget(values.sr, '--sr') : undefined;
    if (typeof values.html !== 'string' && typeof values.pdf !== 'string' && !srFile)
      return usageError(io, 'export needs --html FILE, --pdf FILE and/or --sr FILE.', USAGE);
    const paperText = typeof values.paper === 'string' ? values.paper.toLowerCase() : 'a4';
    if (paperText !== 'a4' && paperText !== 'letter')
      throw new AppError('INVALID_ARGUMENT', `--paper must be A4 or Letter (got "${String(values.paper)}").`);
    const paper: Paper = paperText === 'a4' ? 'A4' : 'Letter';
    const files = {
      html: typeof values.html === 'string' ? outputTarget(values.html, '--html') : undefined,
      pdf: typeof values.pdf === 'string' ? outputTarget(values.pdf, '--pdf') : undefined,
      dicom: values['no-dicom'] !== true,
    };
    if (files.html && files.html === files.pdf)
      throw new AppError('INVALID_ARGUMENT', '--html and --pdf must name different files.');
    if (srFile && (srFile === files.html || srFile === files.pdf))
      throw new AppError('INVALID_ARGUMENT', '--sr must name a file of its own.');
    return withStore(values, async (store) => {
      // The SR is built first: a missing source file stops the export before anything is written.
      const sr = srFile ? await storedSrDocument(store, positionals[0]) : undefined;
      if (files.html || files.pdf) {
        const { files: written } = await exportStoredReport(
          store,
          { analysisId: positionals[0], htmlPath: files.html, pdfPath: files.pdf, paper },
          { encapsulatedPdf: files.dicom, onKeyImagesNote: (note) => io.err(note) },
        );
        for (const w of written) io.out(`Wrote ${w.file}`);
      }
      if (sr && srFile) io.out(`Wrote ${(await writeStoredSr(store, sr, srFile)).file}`);
      return EXIT.OK;
    });
  },
};
