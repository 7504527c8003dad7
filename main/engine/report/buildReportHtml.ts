/**
 * The structured findings summary as one self-contained HTML document: the single source for screen,
 * Electron printToPDF and the CLI's Chromium PDF. The intended-use banner repeats on every printed page
 * (a table header that Chromium repeats per page) and no option removes it. Never imports electron.
 */
import type { AnalysisRecord, ReaderOverride, SignOff, StudyInfo } from '../../shared/analysis';
import { PHANTOM_MODEL_BANNER } from '../../shared/intendedUse';
import { detailSection, gridSection, headerSection, impressionSection } from './findingsSections';
import { escapeHtml as e, formatDicomDate, formatPersonName } from './format';
import type { KeyImage } from './keyImages';
import { keyImagesSection, methodSection, reviewSection } from './provenanceSections';
import { reportCss, type Paper } from './reportCss';
import { reviewFindings } from './reviewedFindings';

export interface ReportInput {
  study: StudyInfo;
  analysis: AnalysisRecord;
  overrides: readonly ReaderOverride[];
  signOff: SignOff | null;
  /** From buildKeyImages(); empty when the source images are not loaded (say why in keyImagesNote). */
  keyImages: readonly KeyImage[];
  keyImagesNote?: string;
  /** Paper size of the print CSS; A4 by default. */
  paper?: Paper;
}

/** The banner text: the model's intended use, always followed by the synthetic-data statement. */
export function intendedUseBanner(intendedUse: string): string {
  const use = intendedUse.trim();
  return use.includes(PHANTOM_MODEL_BANNER) ? use : `${use ? `${use} ` : ''}${PHANTOM_MODEL_BANNER}`;
}

/** Build the whole HTML document. */
export function buildReportHtml(input: ReportInput): string {
  const { study, analysis, overrides, signOff } = input;
  if (study.studyInstanceUid !== analysis.studyInstanceUid) {
    throw new Error(
      `buildReportHtml: analysis ${analysis.analysisId} is not of study ${study.studyInstanceUid}`,
    );
  }
  const reviewed = reviewFindings(analysis.findings, overrides);
  const banner = `INTENDED USE: ${intendedUseBanner(analysis.model.intendedUse)}`;
  const foot =
    `SpineGrade structured summary | ${formatPersonName(study.patientName)} (${study.patientId}) | ` +
    `study ${formatDicomDate(study.studyDate)} | analysis ${analysis.analysisId} | ` +
    (signOff ? `signed by ${signOff.reader}` : 'NOT SIGNED');
  const body = [
    headerSection(study),
    impressionSection(reviewed),
    gridSection(reviewed),
    keyImagesSection(input.keyImages, input.keyImagesNote),
    reviewSection(reviewed, overrides, signOff),
    methodSection(analysis),
    detailSection(reviewed),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>SpineGrade summary: ${e(formatPersonName(study.patientName))} ${e(formatDicomDate(study.studyDate))}</title>
<style>${reportCss(input.paper ?? 'A4')}</style></head>
<body><table class="frame">
<thead><tr><td><div class="banner" role="note">${e(banner)}</div></td></tr></thead>
<tfoot><tr><td><div class="running-foot">${e(foot)}</div></td></tr></tfoot>
<tbody><tr><td>
${body}
</td></tr></tbody></table></body></html>
`;
}
