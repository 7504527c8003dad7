/**
 * `list`: the studies in the local store with their analyses (short ids for show/override/sign/export).
 */
import { formatDicomDate, formatIsoTime, formatPersonName } from '../../engine/report/format';
import type { StudyListItem } from '../../shared/apiRecords';
import { parseCommandArgs, usageError } from '../args';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { STORE_JSON_OPTIONS, storeUsageLine, withStore } from '../storeOption';

const USAGE = `Usage: spinegrade list [--store DIR] [--json]
Lists stored studies and their analyses; an analysis ID (or its first 8+ characters) is what show,
override, sign and export take.
${storeUsageLine()}
  --json        print the list as JSON`;

function printStudy(io: CliIo, s: StudyListItem): void {
  const st = s.study;
  io.out(
    `${formatDicomDate(st.studyDate)}  ${formatPersonName(st.patientName)}  ID ${st.patientId || '-'}  ` +
      `acc ${st.accessionNumber || '-'}  ${st.studyDescription || '-'}  (${s.seriesCount} series, ${s.instanceCount} files)`,
  );
  io.out(`  study ${st.studyInstanceUid}`);
  if (s.analyses.length === 0) io.out('  no analyses');
  for (const a of s.analyses) {
    const signed = a.signOff
      ? `signed by ${a.signOff.reader} ${formatIsoTime(a.signOff.signedAt)}`
      : 'NOT SIGNED';
    io.out(
      `  analysis ${a.analysisId}  ${formatIsoTime(a.createdAt)}  ${a.modelId} ${a.modelVersion}  ${a.provider}  ` +
        `overrides ${a.overrideCount}  ${signed}`,
    );
  }
}

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'list stored studies and analyses',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, STORE_JSON_OPTIONS, USAGE);
    if (positionals.length > 0) return usageError(io, 'list takes no positional arguments.', USAGE);
    return withStore(values, (store) => {
      const studies = store.listStudies();
      if (values.json) {
        io.out(JSON.stringify({ store: store.file, studies }, null, 2));
        return EXIT.OK;
      }
      io.out(`${studies.length} ${studies.length === 1 ? 'study' : 'studies'} in ${store.file}`);
      for (const s of studies) printStudy(io, s);
      return EXIT.OK;
    });
  },
};
