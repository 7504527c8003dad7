/**
 * `import PATH...`: reads a DICOM drop into studies of patient-space volumes with series roles and
 * prints them (one JSON object with --json). Thin: all logic lives in main/engine. Never imports electron.
 */
import { importEachStudy, scanPaths } from '../../engine/import/importPaths';
import { importSummary, type ImportSummary } from '../../engine/import/importSummary';
import type { ImportProgress } from '../../engine/dicom/importTypes';
import { SUPPORTED_TRANSFER_SYNTAXES } from '../../engine/dicom/transferSyntax';
import { zipImportProblems } from '../../engine/uploads/importWithZips';
import { AppError } from '../../shared/errors';
import { parseCommandArgs } from '../args';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { STORE_OPTION, storeDirFrom, storeUsageLine } from '../storeOption';
import { unpackZipArgs } from '../zipArgs';

const USAGE = `Usage: spinegrade import PATH... [--json] [--headers-only] [--store DIR]

Reads DICOM files and folders (recursively), groups them into studies, series and stacks, builds
patient-space volumes and classifies each series as Sagittal T1, Sagittal T2/STIR, Axial T2 or Other.
Files that cannot be used are listed as problems; the rest imports. Nothing is stored, but .zip archives
(given, or inside a given folder) are unpacked into the store's upload folder first, as the app does
(unsafe entries refused and named; \`store purge\` removes them).

Options:
  --json           print one JSON object: { studies: [...], problems: [...] }
  --headers-only   read headers only (no pixel decoding; faster, decode errors not detected)
${storeUsageLine()}

Exit code: 0 when at least one study was imported, 1 when none.
Transfer syntaxes decoded:
${SUPPORTED_TRANSFER_SYNTAXES.map((t) => `  ${t.uid.padEnd(24)} ${t.name}`).join('\n')}`;

function progressReporter(io: CliIo): (p: ImportProgress) => void {
  let lastPercent = -1;
  return (p) => {
    const percent = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
    if (io.isTty) {
      process.stderr.write(`\rimport: ${p.done}/${p.total} (${percent}%)`);
      if (p.done >= p.total) process.stderr.write('\n');
    } else if (percent >= lastPercent + 10 || p.done >= p.total) {
      io.err(`import: ${p.done}/${p.total} (${percent}%)`);
      lastPercent = percent;
    }
  };
}

function printSummary(s: ImportSummary, io: CliIo): void {
  io.out(`Imported ${s.studies.length} ${s.studies.length === 1 ? 'study' : 'studies'}.`);
  for (const st of s.studies) {
    io.out(
      `\nStudy ${st.studyInstanceUid}  ${st.studyDescription}  ${st.studyDate}  patient ${st.patientId}`,
    );
    for (const se of st.series) {
      io.out(`  [${se.role}] #${se.seriesNumber} "${se.seriesDescription}"  ${se.seriesInstanceUid}`);
      for (const k of se.stacks) {
        const sp = k.spacingMm.map((v) => v.toFixed(2)).join(' x ');
        io.out(
          `      stack ${k.stackIndex + 1}: ${k.plane}, ${k.dims.join(' x ')} voxels, ${sp} mm${se.stacks.length > 1 ? ` (${k.role})` : ''}`,
        );
      }
    }
  }
  if (s.problems.length > 0) {
    io.out(`\n${s.problems.length} problem${s.problems.length === 1 ? '' : 's'}:`);
    for (const p of s.problems) io.out(`  ${p.code.padEnd(27)} ${p.file}\n  ${''.padEnd(27)} ${p.message}`);
  }
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'read DICOM files/folders into studies, series roles and volume geometry',
  usage: USAGE,
  run: async (argv, io) => {
    const { values, positionals } = parseCommandArgs(
      argv,
      { ...STORE_OPTION, json: { type: 'boolean' }, 'headers-only': { type: 'boolean' } },
      USAGE,
    );
    if (positionals.length === 0)
      throw new AppError('INVALID_ARGUMENT', `Give at least one file or folder to import.\n${USAGE}`);
    const expanded = await unpackZipArgs(storeDirFrom(values), positionals, io);
    const onProgress = progressReporter(io);
    const imported =
      expanded.paths.length === 0
        ? { studies: [], problems: [] }
        : values['headers-only']
          ? await scanPaths(expanded.paths, { onProgress })
          : // One study's volumes in memory at a time: a whole RSNA train_images folder fits.
            await importEachStudy(expanded.paths, { onProgress }, () => undefined);
    const result = importSummary({ ...imported, problems: zipImportProblems(expanded, imported.problems) });
    if (values.json) io.out(JSON.stringify(result));
    else printSummary(result, io);
    return result.studies.length > 0 ? EXIT.OK : EXIT.NOTHING_USABLE;
  },
};
