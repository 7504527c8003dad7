/**
 * HTML fragments of the summary's clinical part: header, 5x5 grid, impression and per-target detail.
 * Every string that came from DICOM or a reader goes through escapeHtml. Pure functions.
 */
import type { StudyInfo } from '../../shared/analysis';
import { CONDITIONS, CONDITION_INFO, LEVELS, levelDisplay, targetColumn } from '../../shared/targets';
import {
  escapeHtml as e,
  formatDicomDate,
  formatIsoTime,
  formatPersonName,
  formatProbability,
} from './format';
import { buildImpression, notAssessableLines } from './impression';
import type { ReviewedFinding } from './reviewedFindings';

export function headerSection(study: StudyInfo): string {
  const field = (label: string, value: string): string => `<dt>${label}</dt><dd>${e(value || '–')}</dd>`;
  return `<h1>Lumbar spine MRI: structured findings summary</h1>
<dl class="header">
${field('Patient', formatPersonName(study.patientName))}${field('Patient ID', study.patientId)}
${field('Birth date', formatDicomDate(study.patientBirthDate))}${field('Sex', study.patientSex)}
${field('Study date', formatDicomDate(study.studyDate))}${field('Accession', study.accessionNumber)}
${field('Study', study.studyDescription)}${field('Institution', study.institutionName)}
${field('Study UID', study.studyInstanceUid)}
</dl>`;
}

function gradeClass(r: ReviewedFinding): string {
  if (r.grade === 'Severe') return 'g-severe';
  if (r.grade === 'Moderate') return 'g-moderate';
  if (r.grade === 'Normal/Mild') return 'g-normal';
  return 'g-na';
}

function probabilityHtml(r: ReviewedFinding): string {
  const p = r.finding.probabilities;
  if (!p) return '';
  const bar = p.map((x, i) => `<span class="b${i}" style="width:${(x * 100).toFixed(1)}%"></span>`).join('');
  return `<div class="bar">${bar}</div><div class="probs">${p.map(formatProbability).join(' / ')}</div>`;
}

function sourceHtml(r: ReviewedFinding): string {
  if (r.source === 'Reader') {
    return `<div class="source-reader">Reader (${e(r.override?.reader ?? '')}); AI: ${e(r.finding.grade ?? 'not assessable')}</div>`;
  }
  return '<div>AI</div>';
}

function cellHtml(r: ReviewedFinding): string {
  const uncertain =
    r.finding.uncertain && r.source === 'AI' ? ' <span class="uncertain">? uncertain</span>' : '';
  const grade =
    r.grade === null
      ? `<div class="grade">Not assessable</div><div class="note">${e(r.finding.notAssessableReason ?? 'no reason given')}</div>`
      : `<div class="grade">${e(r.grade)}${uncertain}</div>`;
  return `<td class="${gradeClass(r)}">${grade}${probabilityHtml(r)}${sourceHtml(r)}</td>`;
}

/** Levels as rows, SCS / L-NFN / R-NFN / L-SS / R-SS as columns. */
export function gridSection(reviewed: readonly ReviewedFinding[]): string {
  const head = CONDITIONS.map(
    (c) => `<th title="${CONDITION_INFO[c].titleCase}">${CONDITION_INFO[c].short}</th>`,
  ).join('');
  const rows = LEVELS.map((level) => {
    const cells = CONDITIONS.map((c) => {
      const r = reviewed.find((x) => x.finding.condition === c && x.finding.level === level);
      return r ? cellHtml(r) : '<td class="g-na">missing</td>';
    });
    return `<tr><th class="level">${levelDisplay(level)}</th>${cells.join('')}</tr>`;
  }).join('\n');
  return `<h2>Findings (5 levels x 5 targets)</h2>
<table class="grid"><thead><tr><th class="level">Level</th>${head}</tr></thead><tbody>
${rows}
</tbody></table>
<p class="note">Each cell: reported grade; probabilities Normal/Mild / Moderate / Severe; source (AI, or Reader with the
AI grade kept). "? uncertain": the model's grading needs a careful look. SCS spinal canal stenosis, NFN neural foraminal
narrowing, SS subarticular stenosis, L/R left/right.</p>`;
}

export function impressionSection(reviewed: readonly ReviewedFinding[]): string {
  const lines = buildImpression(reviewed);
  const na = notAssessableLines(reviewed);
  return `<h2>Impression</h2>
<ol class="impression">${lines.map((l) => `<li>${e(l)}</li>`).join('')}</ol>
${na.length ? `<p class="note"><b>Not assessable:</b> ${na.map(e).join('; ')}.</p>` : ''}`;
}

/** One row per target with its RSNA name, so every grading can be traced on paper. */
export function detailSection(reviewed: readonly ReviewedFinding[]): string {
  const rows = reviewed.map((r) => {
    const f = r.finding;
    const p = f.probabilities;
    const loc = f.keyLocation
      ? `slice ${f.keyLocation.sliceIndex + 1}, row ${f.keyLocation.row.toFixed(0)}, col ${f.keyLocation.col.toFixed(0)}`
      : '–';
    const note = r.override
      ? `${r.override.note} (${formatIsoTime(r.override.createdAt)})`
      : (f.notAssessableReason ?? f.uncertainReason ?? '');
    return `<tr><td>${targetColumn(f.condition, f.level)}</td><td>${e(r.grade ?? 'Not assessable')}</td>
<td>${e(f.grade ?? 'Not assessable')}</td><td class="probs nowrap">${p ? p.map(formatProbability).join(' / ') : '–'}</td>
<td>${r.source === 'Reader' ? `Reader: ${e(r.override?.reader ?? '')}` : 'AI'}</td><td>${f.uncertain ? 'yes' : 'no'}</td>
<td>${loc}</td><td>${e(note)}</td></tr>`;
  });
  return `<h2>Per-target detail</h2>
<table class="detail"><thead><tr><th>Target</th><th>Reported</th><th>AI grade</th><th>P (N/M / Mod / Sev)</th>
<th>Source</th><th>Uncertain</th><th>Key location</th><th>Note</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}
