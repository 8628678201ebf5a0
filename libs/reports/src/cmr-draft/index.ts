export * from './cmr-draft.model';
export { renderCmrDraft, CMR_DRAFT_TEXT_FORMATS, type CmrDraftTextFormat } from './render-cmr-draft';
export { cmrDraftOutline, placeholdersOf, PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE, type Block as CmrDraftBlock } from './cmr-draft.outline';
export { CMR_FIGURES, CMR_FIGURE_IDS } from './cmr-draft.figures';
