/**
 * `show ID`: one stored analysis as text (header, grid, impression, review state); recorded as a 'view'
 * audit event.
 */
import { intendedUseBanner } from '../../engine/report/buildReportHtml';
import { formatDicomDate, formatIsoTime, formatPersonName } from '../../engine/report/format';
import { buildImpression, notAssessableLines } from '../../engine/report/impression';
import { reviewFindings, targetWords, type ReviewedFinding } from '../../engine/report/reviewedFindings';
import type { AnalysisBundle } from '../../engine/store/types';
import type { StudyInfo } from '../../shared/analysis';
import { CONDITIONS, CONDITION_INFO, LEVELS, levelDisplay } from '../../shared/targets';
import { parseCommandArgs, usageError } from '../args';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { STORE_JSON_OPTIONS, storeUsageLine, withStore } from '../storeOption';

const USAGE = `Usage: spinegrade show ID [--store DIR] [--json]
Shows a stored analysis: header, 5x5 grid, impression, reader changes and sign-off.
ID is an analysis ID from "list" (or a unique prefix of at least 4 characters).
${storeUsageLine()}
  --json        print the analysis, overrides and sign-off as JSON`;

const SHORT = { 'Normal/Mild': 'Normal/Mild', Moderate: 'Moderate', Severe: 'Severe' } as const;

function cellText(r: ReviewedFinding): string {
  if (r.grade === null) return 'n/a';
  const mark = r.source === 'Reader' ? '*' : r.finding.uncertain ? '?' : '';
  return `${SHORT[r.grade]}${mark}`;
}

function printGrid(io: CliIo, reviewed: readonly ReviewedFinding[]): void {
  io.out(['Level'.padEnd(7), ...CONDITIONS.map((c) => CONDITION_INFO[c].short.padEnd(13))].join(' '));
  for (const level of LEVELS) {
    const cells = CONDITIONS.map((c) => {
      const r = reviewed.find((x) => x.finding.condition === c && x.finding.level === level);
      return (r ? cellText(r) : 'missing').padEnd(13);
    });
    io.out([levelDisplay(level).padEnd(7), ...cells].join(' '));
  }
  io.out('* reader grade (AI grade kept, see below)   ? uncertain AI grading   n/a not assessable');
}

function printBundle(io: CliIo, study: StudyInfo, b: AnalysisBundle): void {
  const a = b.analysis;
  const reviewed = reviewFindings(a.findings, b.overrides);
  io.out(`INTENDED USE: ${intendedUseBanner(a.model.intendedUse)}`);
  io.out(
    `Patient ${formatPersonName(study.patientName)}  ID ${study.patientId}  born ${formatDicomDate(study.patientBirthDate)}  sex ${study.patientSex}`,
  );
  io.out(
    `Study ${formatDicomDate(study.studyDate)}  acc ${study.accessionNumber}  ${study.studyDescription}  ${study.institutionName}`,
  );
  io.out(
    `Analysis ${a.analysisId}  ${formatIsoTime(a.createdAt)}  model ${a.model.name} ${a.model.version} (${a.model.sha256})  provider ${a.provider}`,
  );
  io.out('');
  printGrid(io, reviewed);
  io.out('');
  io.out('Impression:');
  for (const line of buildImpression(reviewed)) io.out(`  ${line}`);
  for (const line of notAssessableLines(reviewed)) io.out(`  ${line}`);
  io.out('');
  for (const o of b.overrides) {
    const ai =
      a.findings.find((f) => f.condition === o.condition && f.level === o.level)?.grade ?? 'not assessable';
    io.out(
      `${o.addendum ? 'ADDENDUM' : 'Override'} ${formatIsoTime(o.createdAt)} ${o.reader}: ${targetWords(o)} ${o.grade} (AI: ${ai})${o.note ? ` - ${o.note}` : ''}`,
    );
  }
  io.out(b.signOff ? `Signed by ${b.signOff.reader} at ${formatIsoTime(b.signOff.signedAt)}` : 'NOT SIGNED');
}

export const showCommand: CliCommand = {
  name: 'show',
  summary: 'show a stored analysis',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, STORE_JSON_OPTIONS, USAGE);
    if (positionals.length !== 1) return usageError(io, 'show takes one analysis ID.', USAGE);
    return withStore(values, (store) => {
      const id = store.resolveAnalysisId(positionals[0]);
      const bundle = store.getAnalysis(id);
      const study = store.getStudy(bundle.analysis.studyInstanceUid).study;
      store.appendAudit({
        event: 'view',
        studyInstanceUid: study.studyInstanceUid,
        analysisId: id,
        details: { via: 'cli show' },
      });
      if (values.json) io.out(JSON.stringify({ study, ...bundle }, null, 2));
      else printBundle(io, study, bundle);
      return EXIT.OK;
    });
  },
};
