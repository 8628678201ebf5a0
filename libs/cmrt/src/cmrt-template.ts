import { AMRT_LISTED_MINERALS, AMRT_OTHER_MINERAL, EMRT_MINERAL_LABELS } from '@dd/domain';

/**
 * Which RMI reporting template a workbook is. They share sheet names (Declaration, Smelter List,
 * Product List ...) and the "Revision x.y" cell, so a version alone cannot tell an EMRT 2.1 from
 * a CMRT; the title cell and the sheet set can.
 */
export const TEMPLATE_FAMILIES = ['CMRT', 'EMRT', 'CRT', 'AMRT', 'PRT'] as const;
export type TemplateFamily = (typeof TEMPLATE_FAMILIES)[number];

/**
 * From Declaration!D2 (a formula over the language table: "Conflict Minerals Reporting Template
 * (CMRT)", "扩展矿物报告模版 (EMRT)": the acronym survives translation) or the Revision sheet's
 * document title B3 ("Conflict Minerals Reporting Template", English in every language).
 */
export function familyFromTitle(title: string | undefined): TemplateFamily | undefined {
  if (!title) return undefined;
  const acronym = /\((CMRT|EMRT|CRT|AMRT|PRT)\)/i.exec(title);
  if (acronym) return acronym[1].toUpperCase() as TemplateFamily;
  if (/conflict\s+minerals?\s+reporting/i.test(title)) return 'CMRT';
  if (/extended\s+minerals?\s+reporting/i.test(title)) return 'EMRT';
  if (/cobalt\s+reporting/i.test(title)) return 'CRT';
  if (/additional\s+minerals?\s+reporting/i.test(title)) return 'AMRT';
  if (/pilot\s+reporting/i.test(title)) return 'PRT';
  return undefined;
}

/**
 * From the sheet set, when the title is unavailable: EMRT 2.x adds `Mine List`; AMRT (and the
 * PRT before it) has `Minerals Scope` (and a Mine List too). The CMRT has neither.
 */
export function familyFromSheets(sheetNames: string[]): TemplateFamily | undefined {
  const names = new Set(sheetNames.map((name) => name.trim().toLowerCase()));
  if (names.has('minerals scope')) return 'AMRT';
  if (names.has('mine list')) return 'EMRT';
  return undefined;
}

/**
 * From Declaration!D12, which is the company's unique ID in a CMRT but the first slot of the
 * mineral selector in an EMRT ("Cobalt" / "(Delete Cobalt)") and an AMRT ("Aluminum" ... / "Other
 * [specify below]"). Only those exact dropdown values count: a company ID is free text.
 */
export function familyFromSelector(d12: string | undefined): TemplateFamily | undefined {
  if (!d12) return undefined;
  const key = d12.trim().replace(/\s+/g, ' ').toLowerCase();
  if (EMRT_SELECTOR_VALUES.has(key)) return 'EMRT';
  if (AMRT_SELECTOR_VALUES.has(key)) return 'AMRT';
  return undefined;
}

const EMRT_SELECTOR_VALUES = new Set(
  Object.values(EMRT_MINERAL_LABELS)
    .flatMap((mineral) => [mineral, `(Delete ${mineral})`])
    .map((value) => value.toLowerCase()),
);
const AMRT_SELECTOR_VALUES = new Set([...AMRT_LISTED_MINERALS, AMRT_OTHER_MINERAL].map((value) => value.toLowerCase()));

/**
 * From the hidden language table's header row (L!D1 onwards): the CMRT offers ten display
 * languages (L!D1:M1), the EMRT and AMRT six (L!D1:I1). Six cannot tell those two apart; without a
 * `Minerals Scope` sheet (checked before this) it is the EMRT.
 */
export function familyFromLanguageCount(count: number): TemplateFamily | undefined {
  if (count === 10) return 'CMRT';
  if (count === 6) return 'EMRT';
  return undefined;
}
