/**
 * `analyze PATH...`: grades every lumbar study of a drop with the model, saves each analysis to the local
 * store, and writes --json / --html / --pdf all-or-nothing. Thin: the work is main/engine/analysis.
 * Never imports electron.
 */
import { promises as fs } from 'node:fs';
import { analysisJson, type AnalyzeJson } from '../../engine/analysis/analysisJson';
import { analyzeDrop, type DropAnalysis } from '../../engine/analysis/analyzeDrop';
import { defaultModelDir } from '../../engine/analysis/defaultModel';
import { modelSessionsFor, releaseCachedModels } from '../../engine/analysis/modelCache';
import { outputTarget, StagedFiles } from '../../engine/analysis/stagedFiles';
import type { AnalysisSink } from '../../engine/analysis/types';
import type { JobProgress } from '../../engine/jobs';
import { printReportPdf, requireChromium } from '../../engine/report/printReportPdf';
import { storedSrDocument } from '../../engine/report/sr/storedSr';
import { hashFileSha256 } from '../../engine/store/files';
import { createStore, type Store } from '../../engine/store/store';
import { zipImportProblems } from '../../engine/uploads/importWithZips';
import { PROVIDER_REQUESTS, type ProviderRequest } from '../../engine/runtime/executionProvider';
import { AppError } from '../../shared/errors';
import { CONDITION_INFO, levelDisplay } from '../../shared/targets';
import { parseCommandArgs, usageError } from '../args';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { STORE_OPTION, storeDirFrom, storeUsageLine } from '../storeOption';
import { unpackZipArgs } from '../zipArgs';

const USAGE = `Usage: spinegrade analyze PATH... [--json FILE] [--html FILE] [--pdf FILE] [--sr FILE] [--store DIR]
                          [--model DIR] [--provider auto|cpu|cuda|dml|coreml|webgpu]
Grades the 25 RSNA lumbar targets of every study in the files/folders given (one study at a time), saves
each analysis to the local store and prints a summary. Outputs are written only when everything succeeded.
.zip archives (given, or inside a given folder) are unpacked into the store's upload folder first, as the
app does (unsafe entries refused and named; \`store purge\` removes them).
  --json FILE   { analyses: [...], problems: [...] } (see README "Analyze")
  --html FILE   structured summary of the first analysed study
  --pdf FILE    the same summary as PDF (Chromium: /usr/bin/chromium or SPINEGRADE_CHROMIUM)
  --sr FILE     DICOM Comprehensive SR (TID 1500) of the first analysed study
  --model DIR   model package folder (default: ${defaultModelDir()})
  --provider P  execution provider (default auto); one that is unavailable falls back to CPU, and the
                analysis records why
${storeUsageLine()}`;

function progressReporter(io: CliIo): { onProgress: (p: JobProgress) => void; end: () => void } {
  let lastLabel = '';
  let lastQuarter = -1;
  return {
    onProgress: (p) => {
      const study = p.message?.startsWith('study ') ? `${p.message} ` : '';
      const label = `${study}${p.stage}`;
      const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
      if (io.isTty) {
        const bar = '#'.repeat(Math.round(pct / 5)).padEnd(20, '-');
        process.stderr.write(`\ranalyze: ${label.padEnd(22)} [${bar}] ${String(pct).padStart(3)}%`);
      } else if (label !== lastLabel || Math.floor(pct / 25) > lastQuarter) {
        io.err(`analyze: ${label} ${p.done}/${p.total}`);
      }
      if (label !== lastLabel) lastQuarter = -1;
      lastLabel = label;
      lastQuarter = Math.floor(pct / 25);
    },
    end: () => {
      if (io.isTty && lastLabel) process.stderr.write('\n');
      lastLabel = '';
    },
  };
}

/** Store writes that open the store on the first one: a drop with nothing to save leaves it untouched. */
function lazyStore(dir: string): { sink: AnalysisSink; opened: () => Store | undefined } {
  let store: Store | undefined;
  const open = (): Store => (store ??= createStore({ dir }));
  return {
    sink: {
      saveStudyAnalysis: (i, r, a) => open().saveStudyAnalysis(i, r, a),
    },
    opened: () => store,
  };
}

function printResults(drop: DropAnalysis, io: CliIo): void {
  for (const { record: r } of drop.results) {
    const graded = r.findings.filter((f) => f.assessable).length;
    const notable = r.findings
      .filter((f) => f.grade === 'Severe' || f.grade === 'Moderate')
      .map((f) => `${levelDisplay(f.level)} ${CONDITION_INFO[f.condition].short} ${f.grade}`);
    io.out(`Study ${r.studyInstanceUid}: analysis ${r.analysisId}`);
    io.out(`  ${graded}/25 targets graded; moderate/severe: ${notable.length ? notable.join(', ') : 'none'}`);
    io.out(
      `  model ${r.model.id} ${r.model.version}, provider ${r.provider}, ${Math.round(r.timingsMs.total)} ms`,
    );
    if (r.providerNote) io.out(`  provider note: ${r.providerNote}`);
  }
  for (const p of drop.problems) io.err(`problem ${p.code}: ${p.message} (${p.file})`);
}

interface Targets {
  json?: string;
  html?: string;
  pdf?: string;
  sr?: string;
}

function targetsFrom(values: Record<string, unknown>): Targets {
  const t: Targets = {};
  for (const k of ['json', 'html', 'pdf', 'sr'] as const) {
    const v = values[k];
    if (typeof v === 'string') t[k] = outputTarget(v, `--${k}`);
  }
  const given = Object.values(t);
  if (new Set(given).size !== given.length)
    throw new AppError('INVALID_ARGUMENT', '--json, --html, --pdf and --sr must name different files.');
  if (t.pdf) requireChromium();
  return t;
}

function providerFrom(v: unknown): ProviderRequest {
  const p = typeof v === 'string' ? v.toLowerCase() : 'auto';
  if (!(PROVIDER_REQUESTS as readonly string[]).includes(p))
    throw new AppError(
      'INVALID_ARGUMENT',
      `--provider must be one of ${PROVIDER_REQUESTS.join(', ')} (got "${p}").`,
    );
  return p as ProviderRequest;
}

/** printReportPdf; its failure (EXPORT_FAILED, Chromium included) also says what was kept. */
async function printPdf(html: string, file: string): Promise<void> {
  try {
    await printReportPdf(html, file, { paper: 'A4' });
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new AppError(
      e instanceof AppError ? e.code : 'EXPORT_FAILED',
      `${first} No output file was written; the analyses are saved in the store.`,
    );
  }
}

async function writeOutputs(
  drop: DropAnalysis,
  t: Targets,
  files: StagedFiles,
  srBytes?: Uint8Array,
): Promise<string[]> {
  if (t.json) {
    const json: AnalyzeJson = {
      analyses: drop.results.map((r) => analysisJson(r.record)),
      problems: drop.problems,
    };
    await files.writeText(t.json, `${JSON.stringify(json, null, 2)}\n`);
  }
  const html = drop.results[0].html;
  if (html !== undefined && t.html) await files.writeText(t.html, html);
  if (html !== undefined && t.pdf) await printPdf(html, files.stage(t.pdf));
  if (srBytes && t.sr) await fs.writeFile(files.stage(t.sr), srBytes);
  try {
    return await files.commit();
  } catch (e) {
    throw new AppError(
      'EXPORT_FAILED',
      `Could not write the outputs: ${e instanceof Error ? e.message : String(e)}. The analyses are in the store.`,
    );
  }
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'grade the 25 lumbar targets of each study and save the analyses (JSON/HTML/PDF/SR)',
  usage: USAGE,
  async run(argv, io) {
    const options = {
      ...STORE_OPTION,
      json: { type: 'string' },
      html: { type: 'string' },
      pdf: { type: 'string' },
      sr: { type: 'string' },
      model: { type: 'string' },
      provider: { type: 'string' },
    } as const;
    const { values, positionals } = parseCommandArgs(argv, options, USAGE);
    if (positionals.length === 0) return usageError(io, 'analyze needs at least one file or folder.', USAGE);
    const provider = providerFrom(values.provider);
    const targets = targetsFrom(values);
    const modelDir = typeof values.model === 'string' ? values.model : defaultModelDir();
    const store = lazyStore(storeDirFrom(values));
    const progress = progressReporter(io);
    const files = new StagedFiles();
    try {
      await modelSessionsFor(modelDir, provider);
      const expanded = await unpackZipArgs(storeDirFrom(values), positionals, io);
      const analysed =
        expanded.paths.length === 0
          ? { results: [], problems: [] }
          : await analyzeDrop(expanded.paths, {
              modelDir,
              provider,
              store: store.sink,
              report: Boolean(targets.html ?? targets.pdf),
              onProgress: progress.onProgress,
            });
      const drop: DropAnalysis = { ...analysed, problems: zipImportProblems(expanded, analysed.problems) };
      progress.end();
      printResults(drop, io);
      if (drop.results.length === 0) {
        io.err('analyze: no study could be analysed; nothing was written.');
        return EXIT.NOTHING_USABLE;
      }
      const opened = store.opened();
      const sr =
        targets.sr && opened ? await storedSrDocument(opened, drop.results[0].record.analysisId) : undefined;
      const written = await writeOutputs(drop, targets, files, sr?.bytes);
      const summaries = written.filter((f) => f === targets.html || f === targets.pdf || f === targets.sr);
      if (summaries.length > 0) {
        const record = drop.results[0].record;
        store.opened()?.appendAudit({
          event: 'export',
          studyInstanceUid: record.studyInstanceUid,
          analysisId: record.analysisId,
          details: {
            files: await Promise.all(
              summaries.map(async (file) => ({ file, sha256: await hashFileSha256(file) })),
            ),
          },
        });
      }
      for (const f of written) io.out(`Wrote ${f}`);
      return EXIT.OK;
    } finally {
      progress.end();
      await files.discard();
      store.opened()?.close();
      await releaseCachedModels();
    }
  },
};
