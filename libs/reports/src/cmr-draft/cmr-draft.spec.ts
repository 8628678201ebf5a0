import {
  CMR_DRAFT_TEXT_FORMATS,
  CMR_FIGURE_IDS,
  cmrDraftOutline,
  CmrDraftModel,
  PLACEHOLDER_CLOSE,
  PLACEHOLDER_OPEN,
  placeholdersOf,
  renderCmrDraft,
} from '@dd/reports';
import { sampleCmrDraftModel } from '@dd/reports/testing';

const SECTIONS = [
  '1. Company Overview',
  '2. Products Overview',
  '3. Supply Chain Overview',
  '4. Conflict Minerals Compliance Process',
  'Reasonable Country of Origin Inquiry',
  'Due Diligence by OECD Step',
  '5. Efforts to Determine Mine or Location of Origin',
  'Countries of origin',
  '6. Conclusions',
  '7. Steps to Improve Due Diligence',
  'Annex A. Smelters and Refiners by Metal',
  'Annex B. Sources',
  'Figures and their sources',
];

describe('the Conflict Minerals Report draft renderer', () => {
  const model = sampleCmrDraftModel();
  const md = renderCmrDraft(model, 'md').bytes.toString('utf8');
  const html = renderCmrDraft(model, 'html').bytes.toString('utf8');

  it('gives the same bytes for the same model, in both formats, however often it runs', () => {
    for (const format of CMR_DRAFT_TEXT_FORMATS) {
      const first = renderCmrDraft(model, format);
      renderCmrDraft({ ...model, period: 2023 }, format);
      const second = renderCmrDraft(structuredClone(model), format);
      expect(second.sha256).toBe(first.sha256);
      expect(second.bytes.equals(first.bytes)).toBe(true);
    }
  });

  it('gives other bytes when a figure differs', () => {
    const other = sampleCmrDraftModel();
    other.figures.find((figure) => figure.id === 'survey.responded.total')!.value = 44;
    for (const format of CMR_DRAFT_TEXT_FORMATS)
      expect(renderCmrDraft(other, format).sha256).not.toBe(renderCmrDraft(model, format).sha256);
  });

  it('has the sections of a filed Conflict Minerals Report, in order, in Markdown and HTML', () => {
    const mdHeadings = [...md.matchAll(/^#{2,3} (.+)$/gm)].map((match) => match[1]);
    const htmlHeadings = [...html.matchAll(/<h[23][^>]*>([^<]+)<\/h[23]>/g)].map((match) => match[1]);
    for (const headings of [mdHeadings, htmlHeadings]) {
      const positions = SECTIONS.map((section) => headings.indexOf(section));
      expect(positions).not.toContain(-1);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
    expect(md).toMatch(/^# The Company Conflict Minerals Report for the year ended December 31, 2024\n/);
    expect(html).toContain('<h3 id="annex-tin">Tin</h3>');
    // OECD steps one to five, each with what the log shows.
    for (const step of [1, 2, 3, 4, 5]) expect(md).toContain(`**Step ${step}. `);
  });

  it("leaves the company's prose as marked placeholders, never invented, and names the company only when its profile does", () => {
    const placeholders = placeholdersOf(cmrDraftOutline(model));
    expect(placeholders).toContain("the company's legal name");
    expect(placeholders).toContain('what the company does, its markets and customers (one or two paragraphs)');
    expect(placeholders.length).toBeGreaterThanOrEqual(12);
    for (const text of placeholders) {
      expect(md).toContain(`**${PLACEHOLDER_OPEN}${text.replace(/([*_`[\]<>|#])/g, '\\$1')}${PLACEHOLDER_CLOSE}**`);
      expect(html).toContain(`<span class="todo">${PLACEHOLDER_OPEN}${text.replace(/'/g, '&#39;')}${PLACEHOLDER_CLOSE}</span>`);
    }
    const named = renderCmrDraft({ ...model, companyName: 'Example Devices, Inc.' }, 'md').bytes.toString('utf8');
    expect(named).toMatch(/^# Example Devices, Inc\. Conflict Minerals Report/);
    expect(named).not.toContain('legal name');
  });

  it('cites a source for every figure it states, and lists every figure with its read and field', () => {
    const stated = [...html.matchAll(/<span class="fig" data-figure="([^"]+)">[^<]*<\/span>(<sup class="cite"><a href="#(S\d+)">)?/g)];
    expect(stated.length).toBeGreaterThan(CMR_FIGURE_IDS.length);
    for (const [, id, citation, source] of stated) {
      expect(citation).toBeDefined();
      expect(source).toBe(model.figures.find((figure) => figure.id === id)!.source);
      expect(html).toContain(`<tr id="${source}">`);
    }
    // Every figure of the model appears in the text, and in the Figures table with where it was read.
    for (const id of CMR_FIGURE_IDS) expect(stated.some(([, stated]) => stated === id)).toBe(true);
    expect(md).toContain('| Suppliers surveyed (CMRT): direct suppliers | 5 | [^S3] | `byTier.direct.requestsSent` |');
    expect(md).toContain('| Usable response rate (usable per supplier surveyed) | — | [^S3] | `usableRate` |');
    // Markdown cites by footnote; each footnote names the read, the request and the as-of position.
    expect(md).toContain('sent the Conflict Minerals Reporting Template (CMRT) to 45[^S3] suppliers: 5[^S3] direct and 40[^S3] indirect');
    expect(md).toContain('[^S3]: GetCampaignFigures, `GET /campaigns?period=2024` as of log position 249.');
    expect(html).toContain(
      '<tr id="S3"><td>S3</td><td>GetCampaignFigures</td><td><code>GET /campaigns?period=2024</code></td><td class="num">249</td></tr>',
    );
  });

  it('annexes the smelters by metal with RMI id, name, country and RMAP status', () => {
    expect(md).toContain('| `CID009002` | Tin Smelter Beta | RWANDA | non-conformant |');
    expect(md).toContain('_No tungsten smelter or refiner is identified._');
  });

  it('HTML is one self-contained file: inline CSS with print rules, no script, nothing fetched; text from the log escaped', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('Module 100 &lt;rev B&gt; &amp; spares');
    expect(html).not.toContain('<rev B>');
    expect(md).toContain('Module 100 \\<rev B\\> & spares');
  });

  it('refuses a model whose figure cites no source of the draft, or that lacks a figure, naming it', () => {
    const uncited = sampleCmrDraftModel();
    uncited.figures[0].source = 'S99';
    expect(() => renderCmrDraft(uncited, 'md')).toThrow(/"figures",\s*0,\s*"source"[\s\S]*cites S99, which is not among the sources/);
    const lacking = sampleCmrDraftModel();
    lacking.figures = lacking.figures.filter((figure) => figure.id !== 'followUps.open');
    expect(() => renderCmrDraft(lacking, 'html')).toThrow(/lacks figures followUps\.open/);
    expect(CmrDraftModel.safeParse(model).success).toBe(true);
  });
});
