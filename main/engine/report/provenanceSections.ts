/**
 * HTML fragments of the summary's evidence and accountability: key images (PNG + SVG overlay), method and
 * provenance, reader changes, sign-off and addenda. Every foreign string goes through escapeHtml. Pure functions.
 */
import type { AnalysisRecord, ReaderOverride, SignOff } from '../../shared/analysis';
import type { Finding } from '../../shared/findings';
import { EXCLUSIONS, GRADE_SCALE_NOTE, LEVEL_NUMBERING_CAVEAT } from '../../shared/intendedUse';
import { escapeHtml as e, formatIsoTime } from './format';
import type { KeyImage } from './keyImages';
import { targetWords, type ReviewedFinding } from './reviewedFindings';

function keyImageSvg(k: KeyImage): string {
  const { widthPx: w, heightPx: h } = k.image;
  const font = Math.max(6, Math.round(Math.min(w, h) / 22));
  const labels = k.labels
    .map(
      (l) => `<circle cx="${l.col + 0.5}" cy="${l.row + 0.5}" r="${font / 4}" fill="#ffd400"/>
<text x="${l.col + 0.5 + font / 2}" y="${l.row + 0.5 + font / 3}" font-size="${font}" fill="#ffd400" font-weight="700" font-family="sans-serif">${e(l.text)}</text>`,
    )
    .join('');
  const markers = k.markers
    .map(
      (m) =>
        `<circle cx="${m.col + 0.5}" cy="${m.row + 0.5}" r="${font}" fill="none" stroke="#ff2020" stroke-width="${font / 6}"><title>${e(m.text)}</title></circle>`,
    )
    .join('');
  const aspect = `${k.image.widthMm.toFixed(2)} / ${k.image.heightMm.toFixed(2)}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" style="aspect-ratio: ${aspect}">
<image href="${k.image.dataUri}" x="0" y="0" width="${w}" height="${h}" preserveAspectRatio="none" style="image-rendering: auto"/>${labels}${markers}</svg>`;
}

/** Key images, or a plain statement of why there are none. */
export function keyImagesSection(images: readonly KeyImage[], missingNote?: string): string {
  const figures = images.map(
    (k) =>
      `<figure class="key">${keyImageSvg(k)}<figcaption>${e(k.title)} (window ${k.image.windowCenter.toFixed(0)}/${k.image.windowWidth.toFixed(0)})</figcaption></figure>`,
  );
  const note =
    images.length === 0
      ? `<p class="note">${e(missingNote ?? 'No key images: the source images were not available.')}</p>`
      : '';
  return `<h2>Key images</h2><div class="keyimages">${figures.join('')}</div>${note}`;
}

export function methodSection(a: AnalysisRecord): string {
  const row = (k: string, v: string): string => `<tr><th>${k}</th><td>${v}</td></tr>`;
  const series = a.seriesUsed
    .map(
      (s) => `${e(s.role)}: "${e(s.seriesDescription)}", ${s.sliceCount} slices (${e(s.seriesInstanceUid)})`,
    )
    .join('<br>');
  const provider = a.providerNote ? `${e(a.provider)} (${e(a.providerNote)})` : e(a.provider);
  return `<h2>Method and provenance</h2><table class="method">
${row('Series used', series || 'none recorded')}
${row('Level assignment', `${e(a.levelAssignmentMethod)}. ${e(LEVEL_NUMBERING_CAVEAT)}`)}
${row('Grade scale', e(GRADE_SCALE_NOTE))}
${row('Model', `${e(a.model.name)} (id ${e(a.model.id)}, version ${e(a.model.version)})`)}
${row('Model SHA-256', `<span class="probs">${e(a.model.sha256)}</span>`)}
${row('Execution provider', provider)}
${row('Analysed at', e(formatIsoTime(a.createdAt)))}
${row('Application', `SpineGrade ${e(a.appVersion)}`)}
${row('Analysis ID', e(a.analysisId))}
${row('Exclusions', e(EXCLUSIONS))}
</table>`;
}

function overrideLine(o: ReaderOverride, findings: readonly Finding[], signedGrade?: string): string {
  const ai =
    findings.find((f) => f.condition === o.condition && f.level === o.level)?.grade ?? 'not assessable';
  const was = signedGrade === undefined ? '' : `; signed report: ${signedGrade}`;
  const note = o.note ? ` Note: ${o.note}` : '';
  return `${formatIsoTime(o.createdAt)}, ${o.reader}: ${targetWords(o)} graded ${o.grade} (AI: ${ai}${was}).${note}`;
}

/** Reader changes before sign-off, the sign-off block (or NOT SIGNED), and addenda after it. */
export function reviewSection(
  reviewed: readonly ReviewedFinding[],
  overrides: readonly ReaderOverride[],
  signOff: SignOff | null,
): string {
  const findings = reviewed.map((r) => r.finding);
  const before = overrides.filter((o) => !o.addendum);
  const addenda = overrides.filter((o) => o.addendum);
  const signedGrade = (o: ReaderOverride): string =>
    reviewed.find((r) => r.finding.condition === o.condition && r.finding.level === o.level)?.grade ??
    'not assessable';
  const changes = before.length
    ? `<ul>${before.map((o) => `<li>${e(overrideLine(o, findings))}</li>`).join('')}</ul>`
    : '<p class="note">No reader changes.</p>';
  const block = signOff
    ? `<div class="signoff">Signed by <b>${e(signOff.reader)}</b> at ${e(formatIsoTime(signOff.signedAt))}. This report is locked; later changes appear as addenda.</div>`
    : '<div class="signoff"><span class="not-signed">NOT SIGNED</span><br>Preliminary: no reader has reviewed and signed this analysis.</div>';
  const addendaHtml = addenda.length
    ? `<h2>Addenda (after sign-off)</h2><ul>${addenda.map((o) => `<li>ADDENDUM ${e(overrideLine(o, findings, signedGrade(o)))}</li>`).join('')}</ul>`
    : '';
  return `<h2>Reader review</h2>${changes}${block}${addendaHtml}`;
}
