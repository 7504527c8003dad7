/**
 * `export ID [--html F] [--pdf F]`: the structured summary of a stored analysis as HTML and/or PDF (plus a
 * DICOM Encapsulated PDF beside the PDF). All outputs are written to temporary files and renamed at the end,
 * so a failure leaves nothing half-written.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { buildReportHtml } from '../../engine/report/buildReportHtml';
import { encapsulatedPdfBytes } from '../../engine/report/encapsulatedPdf';
import { keyImagesFromFiles } from '../../engine/report/keyImagesFromFiles';
import { printReportPdf } from '../../engine/report/printReportPdf';
import type { Paper } from '../../engine/report/reportCss';
import { reviewFindings } from '../../engine/report/reviewedFindings';
import type { Store } from '../../engine/store/store';
import { AppError } from '../../shared/errors';
import { parseCommandArgs } from '../args';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { STORE_OPTION, storeUsageLine, withStore } from '../storeOption';

const USAGE = `Usage: spinegrade export ID [--html FILE] [--pdf FILE] [--paper A4|Letter] [--no-dicom] [--store DIR]
Writes the structured findings summary of a stored analysis. Key images are re-read from the imported
files after checking their content hashes.
  ID            analysis ID from "list" (or a unique prefix)
  --html FILE   self-contained HTML summary
  --pdf FILE    PDF summary (Chromium: /usr/bin/chromium or SPINEGRADE_CHROMIUM); a DICOM Encapsulated PDF
                is written beside it with the extension .dcm unless --no-dicom
  --paper SIZE  A4 (default) or Letter
${storeUsageLine()}`;

interface Output {
  final: string;
  tmp: string;
}

function checkTarget(file: string): string {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The folder of ${abs} does not exist; create it or choose another path.`,
    );
  }
  return abs;
}

const tmpOf = (final: string): string =>
  path.join(path.dirname(final), `.${path.basename(final)}.${process.pid}.partial`);
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function writeAll(
  store: Store,
  id: string,
  files: { html?: string; pdf?: string; dicom: boolean },
  paper: Paper,
  io: CliIo,
  outputs: Output[],
): Promise<void> {
  const { analysis, overrides, signOff } = store.getAnalysis(id);
  const stored = store.getStudy(analysis.studyInstanceUid);
  const keyImages = await keyImagesFromFiles(
    stored.series,
    analysis,
    reviewFindings(analysis.findings, overrides),
  );
  if (keyImages.note) io.err(keyImages.note);
  const html = buildReportHtml({
    study: stored.study,
    analysis,
    overrides,
    signOff,
    keyImages: keyImages.images,
    keyImagesNote: keyImages.note,
    paper,
  });
  if (files.html) {
    outputs.push({ final: files.html, tmp: tmpOf(files.html) });
    await fs.writeFile(outputs[outputs.length - 1].tmp, html, 'utf8');
  }
  if (files.pdf) {
    const pdf: Output = { final: files.pdf, tmp: tmpOf(files.pdf) };
    outputs.push(pdf);
    await printReportPdf(html, pdf.tmp, { paper });
    if (files.dicom) {
      const final = path.join(
        path.dirname(files.pdf),
        `${path.basename(files.pdf, path.extname(files.pdf))}.dcm`,
      );
      outputs.push({ final, tmp: tmpOf(final) });
      const bytes = encapsulatedPdfBytes(
        await fs.readFile(pdf.tmp),
        stored.study,
        analysis,
        new Date().toISOString(),
      );
      await fs.writeFile(outputs[outputs.length - 1].tmp, bytes);
    }
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write the findings summary as HTML / PDF (+ DICOM Encapsulated PDF)',
  usage: USAGE,
  async run(argv, io) {
    const options = {
      ...STORE_OPTION,
      html: { type: 'string' },
      pdf: { type: 'string' },
      paper: { type: 'string' },
      'no-dicom': { type: 'boolean' },
    } as const;
    const { values, positionals } = parseCommandArgs(argv, options, USAGE);
    if (positionals.length !== 1) {
      io.err(`export takes one analysis ID.\n${USAGE}`);
      return EXIT.USAGE;
    }
    if (typeof values.html !== 'string' && typeof values.pdf !== 'string') {
      io.err(`export needs --html FILE and/or --pdf FILE.\n${USAGE}`);
      return EXIT.USAGE;
    }
    const paperText = typeof values.paper === 'string' ? values.paper.toLowerCase() : 'a4';
    if (paperText !== 'a4' && paperText !== 'letter')
      throw new AppError('INVALID_ARGUMENT', `--paper must be A4 or Letter (got "${String(values.paper)}").`);
    const paper: Paper = paperText === 'a4' ? 'A4' : 'Letter';
    const files = {
      html: typeof values.html === 'string' ? checkTarget(values.html) : undefined,
      pdf: typeof values.pdf === 'string' ? checkTarget(values.pdf) : undefined,
      dicom: values['no-dicom'] !== true,
    };
    if (files.html && files.html === files.pdf)
      throw new AppError('INVALID_ARGUMENT', '--html and --pdf must name different files.');
    return withStore(values, async (store) => {
      const id = store.resolveAnalysisId(positionals[0]);
      const outputs: Output[] = [];
      try {
        await writeAll(store, id, files, paper, io, outputs);
        const written = [];
        for (const o of outputs) written.push({ file: o.final, sha256: sha256(await fs.readFile(o.tmp)) });
        for (const o of outputs) await fs.rename(o.tmp, o.final);
        const study = store.getAnalysis(id).analysis.studyInstanceUid;
        store.appendAudit({
          event: 'export',
          studyInstanceUid: study,
          analysisId: id,
          details: { files: written, paper },
        });
        for (const w of written) io.out(`Wrote ${w.file}`);
        return EXIT.OK;
      } catch (e) {
        const errno = (e as NodeJS.ErrnoException).code;
        if (e instanceof Error && typeof errno === 'string' && !(e instanceof AppError)) {
          throw new AppError(
            'EXPORT_FAILED',
            `Could not write the summary: ${e.message}. Nothing was written.`,
          );
        }
        throw e;
      } finally {
        await Promise.all(outputs.map((o) => fs.rm(o.tmp, { force: true })));
      }
    });
  },
};
