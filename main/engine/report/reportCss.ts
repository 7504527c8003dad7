/**
 * Screen and print CSS of the structured summary, for A4 or Letter. No external fonts or URLs: the
 * document is self-contained. Pure function; never imports electron.
 */

export type Paper = 'A4' | 'Letter';

/** The stylesheet; `paper` sets the @page size (Chromium and Electron printToPDF honour it). */
export function reportCss(paper: Paper): string {
  return `
@page { size: ${paper === 'A4' ? 'A4' : 'letter'} portrait; margin: 11mm 11mm 13mm 11mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #444; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 9.5pt/1.35 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0; }
table.frame { width: 100%; border-collapse: collapse; }
table.frame > thead > tr > td, table.frame > tfoot > tr > td, table.frame > tbody > tr > td { padding: 0; }
.banner { border: 2px solid #b00020; background: #fff1f1; color: #7a0010; font-weight: 700; padding: 4px 8px;
  margin-bottom: 6px; font-size: 9pt; }
.running-foot { border-top: 1px solid #999; margin-top: 6px; padding-top: 2px; font-size: 7.5pt; color: #444; }
h1 { font-size: 14pt; margin: 2px 0 6px; }
h2 { font-size: 11pt; margin: 12px 0 4px; border-bottom: 1px solid #888; break-after: avoid; }
dl.header { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 1px 10px; margin: 0; }
dl.header dt { font-weight: 700; color: #333; } dl.header dd { margin: 0; }
table.grid, table.detail, table.method { width: 100%; border-collapse: collapse; break-inside: avoid; }
table.grid th, table.grid td, table.detail th, table.detail td, table.method th, table.method td {
  border: 1px solid #999; padding: 2px 4px; vertical-align: top; text-align: left; }
table.grid td { width: 18%; font-size: 8pt; } table.grid th.level { width: 10%; }
table.detail { font-size: 7.5pt; } table.detail tr { break-inside: avoid; }
table.method th { width: 28%; font-weight: 700; } table.method td { overflow-wrap: anywhere; }
.grade { font-weight: 700; font-size: 9pt; }
.g-severe { background: #f8d0d0; } .g-moderate { background: #fbe7c2; } .g-normal { background: #e3f1e3; }
.g-na { background: #e6e6e6; }
.probs { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; }
.nowrap { white-space: nowrap; }
.bar { display: flex; height: 4px; margin: 1px 0; } .bar span { display: block; height: 4px; }
.bar .b0 { background: #4c9a4c; } .bar .b1 { background: #d99a1e; } .bar .b2 { background: #c0392b; }
.source-reader { font-weight: 700; color: #14489c; } .uncertain { font-weight: 700; color: #8a4b00; }
ol.impression { margin: 2px 0 2px 18px; padding: 0; font-size: 10.5pt; } ol.impression li { margin: 1px 0; }
.keyimages { display: flex; flex-wrap: wrap; gap: 8px; }
figure.key { margin: 0; width: 32%; break-inside: avoid; } figure.key svg { width: 100%; height: auto; background: #000; }
figure.key figcaption { font-size: 7.5pt; }
.signoff { border: 2px solid #333; padding: 6px 8px; margin-top: 8px; break-inside: avoid; }
.not-signed { font-size: 13pt; font-weight: 700; color: #b00020; }
.note { font-size: 8pt; color: #333; }
@media screen { body { max-width: 210mm; margin: 8px auto; } }
`;
}
