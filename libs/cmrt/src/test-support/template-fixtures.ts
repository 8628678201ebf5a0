import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { editTemplate } from './template-cells';

/**
 * Small workbooks committed under libs/cmrt/test-fixtures, so CI reads real RMI layouts without
 * ../shared. Each is derived from an RMI blank template (public, "© RMI") by the recipe below;
 * template-fixtures.spec.ts rebuilds them from the blanks when those are present and checks the
 * committed bytes are exactly what the recipe gives (WRITE_TEMPLATE_FIXTURES=1 rewrites them).
 * See libs/cmrt/test-fixtures/README.md.
 */
export const FIXTURES_DIR = join(__dirname, '../../test-fixtures');

/** A 1x1 transparent PNG: stands in for the RMI logo to keep the files small. */
const BLANK_PNG = new Uint8Array(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);

/** Rows kept on the big list sheets: their header and the first data rows (all blank in a template). */
const KEEP_ROWS = 24;

export interface TemplateFixture {
  file: string;
  /** The blank it is built from, under ../shared/cmrt/templates. */
  from: string;
  build(blank: Uint8Array): Uint8Array;
}

export const CMRT_6_6_STAMP = 'Revision 6.6\nApril 17, 2026';

/**
 * No CMRT 6.6 workbook is available: this is the 6.5 blank (Chinese display) with the 6.6 version
 * stamp in Declaration!J3 and Smelter List!Q3 and the 6.6 Product List header (domain.md §1.9:
 * B, C responder, D, E requester, F comments; English literals where 6.5 has label formulas). The
 * Revision sheet still ends at 6.5, as the point is that J3 is what counts. Smelter List rows after
 * 24 (formulas only) are left out to keep it under 1 MB.
 */
export const CMRT_6_6_FIXTURE: TemplateFixture = {
  file: 'CMRT_6.6_fixture_built_from_RMI_CMRT_6.5_blank.xlsx',
  from: 'RMI_CMRT_6.5_blank_Chinese-display.xlsx',
  build: (blank) =>
    editTemplate(blank, {
      cells: {
        Declaration: { J3: CMRT_6_6_STAMP },
        'Smelter List': { Q3: CMRT_6_6_STAMP },
        'Product List': {
          B5: "Responder's Product Number (*)",
          C5: "Responder's Product Name",
          D5: 'Requester Product Number',
          E5: 'Requester Product Name',
          F5: 'Comments',
        },
      },
      keepRowsUpTo: { 'Smelter List': KEEP_ROWS },
      level: 9,
    }),
};

/**
 * The EMRT 2.1 blank (Chinese display), unchanged but for its size: Smelter List and Mine List rows
 * after 24 (formulas only) left out and both images replaced by a 1x1 PNG. Specs fill it in with
 * writeCells to get a filled EMRT.
 */
export const EMRT_2_1_FIXTURE: TemplateFixture = {
  file: 'EMRT_2.1_blank_trimmed_from_RMI_EMRT_2.1_blank.xlsx',
  from: 'RMI_EMRT_2.1_blank_Chinese-display.xlsx',
  build: (blank) =>
    editTemplate(blank, {
      keepRowsUpTo: { 'Smelter List': KEEP_ROWS, 'Mine List': KEEP_ROWS },
      entries: { 'xl/media/image1.png': BLANK_PNG, 'xl/media/image2.png': BLANK_PNG },
      level: 9,
    }),
};

export const TEMPLATE_FIXTURES = [CMRT_6_6_FIXTURE, EMRT_2_1_FIXTURE];

export function fixturePath(fixture: TemplateFixture): string {
  return join(FIXTURES_DIR, fixture.file);
}

export function readFixture(fixture: TemplateFixture): Uint8Array {
  const path = fixturePath(fixture);
  if (!existsSync(path))
    throw new Error(
      `missing test fixture ${path}: run WRITE_TEMPLATE_FIXTURES=1 npx jest libs/cmrt/src/template-fixtures.spec.ts with ../shared present`,
    );
  return new Uint8Array(readFileSync(path));
}
