import { documentOf, type RenderedDocument } from '../risk-report/render-risk-report';
import { cmrDraftHtml } from './cmr-draft.html';
import { cmrDraftMarkdown } from './cmr-draft.markdown';
import { CmrDraftModel } from './cmr-draft.model';

/** The formats rendered here, byte for byte deterministic; PDF is printed from the HTML (../pdf). */
export const CMR_DRAFT_TEXT_FORMATS = ['md', 'html'] as const;
export type CmrDraftTextFormat = (typeof CMR_DRAFT_TEXT_FORMATS)[number];

/**
 * Renders the Conflict Minerals Report draft: a pure function of the model (no clock, no randomness,
 * every list in the order the model gives, which the engine sorts), so the same model gives the same
 * bytes. The model is checked first, citations included: a malformed one is a bug upstream.
 */
export function renderCmrDraft(model: CmrDraftModel, format: CmrDraftTextFormat): RenderedDocument {
  const checked = CmrDraftModel.parse(model);
  const text = format === 'html' ? cmrDraftHtml(checked) : cmrDraftMarkdown(checked);
  return documentOf(Buffer.from(text, 'utf8'), format);
}
