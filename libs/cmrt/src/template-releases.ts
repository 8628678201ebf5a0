/**
 * Every release of an RMI reporting template this reader knows, as data: a new release that keeps
 * its predecessor's layout is one more row here, not code. Sources: domain.md §1.1 (revision
 * history), §1.6 (Product List), §1.9 (CMRT 6.6), §1.10 (EMRT), §1.11 (AMRT); `checked` says how
 * the layout is known.
 *
 * A version that is not listed but shares its major number with listed ones and is not older than
 * the oldest of them (CMRT 6.7, EMRT 2.12) is read with the layout of the nearest older listed
 * release and a warning finding; anything else is refused as an unsupported version.
 */

/** The template families the reader reads. CRT and PRT are recognised but not read (template-not-supported). */
export type ReadableFamily = 'CMRT' | 'EMRT' | 'AMRT';

/**
 * Where the Declaration's answers are:
 * - cmrt-6: CMRT 6.0-6.6.1 (company D8-D22, questions 1-8 x Ta/Sn/Au/W, A-H; domain.md §1.2-1.4);
 * - cmrt-5.1: CMRT 5.1x (questions 1-7 and A-I, located by their numbered labels; assumed, no 5.x file);
 * - emrt-2: EMRT 2.x (mineral selector D12:I13, company D16-D26, questions 1-7 per mineral, A-G; §1.10);
 * - amrt-1: AMRT 1.x (selector D12:I13 with "Other", company D17-D27, questions 1-2 per mineral; §1.11).
 */
export type DeclarationLayout = 'cmrt-6' | 'cmrt-5.1' | 'emrt-2' | 'amrt-1';

/**
 * Product List columns (header row 5, data from row 6):
 * - manufacturer: B "Manufacturer's Product Number (*)", C name, D comments (CMRT up to 6.4);
 * - responder: the same columns headed "Responder's ..." (CMRT 6.5, EMRT 2.0);
 * - responder-requester: B, C as responder, D "Requester Product Number", E "Requester Product Name",
 *   F comments (CMRT 6.6, EMRT 2.1, AMRT 1.3).
 */
export type ProductListLayout = 'manufacturer' | 'responder' | 'responder-requester';

/** How the layout is known: from the RMI workbook itself, from a secondary source, or assumed. */
export type LayoutEvidence = 'workbook' | 'secondary' | 'assumed';

export interface TemplateRelease {
  family: ReadableFamily;
  /** As RMI writes it in "Revision <version>" (canonical: no trailing zeros). */
  version: string;
  /** Release date as far as known: YYYY-MM-DD or YYYY-MM. */
  released?: string;
  declaration: DeclarationLayout;
  productList: ProductListLayout;
  /** Last data row of the Smelter List (the template's Checker range). */
  smelterLastRow: number;
  checked: LayoutEvidence;
  note?: string;
}

export const TEMPLATE_RELEASES: readonly TemplateRelease[] = [
  {
    family: 'CMRT',
    version: '5.1',
    released: '2017-12',
    declaration: 'cmrt-5.1',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'assumed',
    note: 'first .xlsx release',
  },
  {
    family: 'CMRT',
    version: '5.11',
    released: '2018-04',
    declaration: 'cmrt-5.1',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'assumed',
  },
  {
    family: 'CMRT',
    version: '5.12',
    released: '2019-04',
    declaration: 'cmrt-5.1',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'assumed',
  },
  {
    family: 'CMRT',
    version: '6',
    released: '2020-05-13',
    declaration: 'cmrt-6',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'secondary',
  },
  {
    family: 'CMRT',
    version: '6.01',
    released: '2020-05-19',
    declaration: 'cmrt-6',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'workbook',
  },
  {
    family: 'CMRT',
    version: '6.1',
    released: '2021-04-28',
    declaration: 'cmrt-6',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'workbook',
  },
  {
    family: 'CMRT',
    version: '6.2',
    released: '2022-04-27',
    declaration: 'cmrt-6',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'secondary',
  },
  {
    family: 'CMRT',
    version: '6.21',
    released: '2022-05-06',
    declaration: 'cmrt-6',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'secondary',
  },
  {
    family: 'CMRT',
    version: '6.22',
    released: '2022-05-11',
    declaration: 'cmrt-6',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'workbook',
  },
  {
    family: 'CMRT',
    version: '6.3',
    released: '2023-05-05',
    declaration: 'cmrt-6',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'secondary',
  },
  {
    family: 'CMRT',
    version: '6.31',
    released: '2023-05-26',
    declaration: 'cmrt-6',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'workbook',
  },
  {
    family: 'CMRT',
    version: '6.4',
    released: '2024-04-26',
    declaration: 'cmrt-6',
    productList: 'manufacturer',
    smelterLastRow: 2504,
    checked: 'workbook',
  },
  {
    family: 'CMRT',
    version: '6.5',
    released: '2025-04-25',
    declaration: 'cmrt-6',
    productList: 'responder',
    smelterLastRow: 2504,
    checked: 'workbook',
  },
  {
    family: 'CMRT',
    version: '6.6',
    released: '2026-04-17',
    declaration: 'cmrt-6',
    productList: 'responder-requester',
    smelterLastRow: 2504,
    checked: 'secondary',
    note: 'no 6.6 workbook here: layout from an open-source reader that scanned it (domain.md §1.9)',
  },
  {
    family: 'CMRT',
    version: '6.6.1',
    declaration: 'cmrt-6',
    productList: 'responder-requester',
    smelterLastRow: 2504,
    checked: 'secondary',
    note: '6.6 without the RMI logo',
  },

  {
    family: 'EMRT',
    version: '2',
    released: '2025-04-25',
    declaration: 'emrt-2',
    productList: 'responder',
    smelterLastRow: 2504,
    checked: 'workbook',
  },
  {
    family: 'EMRT',
    version: '2.1',
    released: '2025-10-17',
    declaration: 'emrt-2',
    productList: 'responder-requester',
    smelterLastRow: 2497,
    checked: 'workbook',
  },
  {
    family: 'EMRT',
    version: '2.11',
    declaration: 'emrt-2',
    productList: 'responder-requester',
    smelterLastRow: 2497,
    checked: 'secondary',
    note: 'as 2.1 without the effective-date upper bound (unverified, domain.md §1.10)',
  },

  {
    family: 'AMRT',
    version: '1.3',
    released: '2025-10-17',
    declaration: 'amrt-1',
    productList: 'responder-requester',
    smelterLastRow: 2504,
    checked: 'workbook',
  },
];
