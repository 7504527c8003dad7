/**
 * The structured summary of a fresh analysis, with key images rendered from the volumes still in memory
 * (no re-read of the files). Plain Node; never imports electron or the faces.
 */
import type { AnalysisRecord, StudyInfo } from '../../shared/analysis';
import { buildKeyImages } from '../report/keyImages';
import { buildReportHtml } from '../report/buildReportHtml';
import type { Paper } from '../report/reportCss';
import { reviewFindings } from '../report/reviewedFindings';
import type { Volume } from '../volume/types';

/** Summary HTML of an unreviewed, unsigned analysis. */
export function summaryHtml(
  study: StudyInfo,
  record: AnalysisRecord,
  volumes: readonly Volume[],
  paper: Paper = 'A4',
): string {
  const reviewed = reviewFindings(record.findings, []);
  const keyImages = buildKeyImages(record, reviewed, volumes);
  return buildReportHtml({
    study,
    analysis: record,
    overrides: [],
    signOff: null,
    keyImages,
    ...(keyImages.length === 0
      ? { keyImagesNote: 'Key images not included: no level points or key locations were found.' }
      : {}),
    paper,
  });
}
