import { forbiddenCharacterMessage, sanitiseText } from '../../shared/text';
import { METALS, type Metal } from '../../shared/metals';
import {
  COMPANY_CELLS,
  companyCell,
  companyQuestionCell,
  mineralCell,
  PRODUCT_COLUMNS,
  PRODUCT_FIRST_ROW,
  productCell,
  SMELTER_COLUMNS,
  SMELTER_FIRST_ROW,
  smelterCell,
} from '../cell-map';
import type { CompanyQuestion, Declaration, MineralQuestion } from '../declaration.schema';
import type { Finding } from '../finding';
import { finding } from './rule-catalogue';
import { quoted } from './text';

/**
 * A supplier's workbook is the supplier's content, not text people type into our commands, so a
 * cell holding a NUL, an ESC or a right-to-left override does not make the upload fail: the
 * declaration is recorded with each such character replaced by U+FFFD (so nothing we show acts on a
 * terminal or reorders a name), and a warning names the cell. The file itself keeps the original,
 * fingerprinted by its SHA-256. Line feeds and tabs stay: cells hold multi-line text.
 */
export function sanitiseDeclarationText(declaration: Declaration): { declaration: Declaration; findings: Finding[] } {
  const findings: Finding[] = [];
  const clean = (value: string | undefined, field: string, cell: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    // Excel's line ends (CR LF) are line ends, and stay as they are.
    const problem = forbiddenCharacterMessage(value.replace(/\r\n?/g, '\n'), { multiLine: true });
    if (problem === null) return value;
    const sanitised = sanitiseText(value, { multiLine: true });
    findings.push(
      finding('review.text-control-characters', {
        field,
        cell: cell ?? '',
        message: `The value ${problem.replace(/;.*$/, '')}; it was recorded as ${quoted(sanitised)}. Remove control and direction characters from the cell.`,
      }),
    );
    return sanitised;
  };
  const cleanObject = <T extends Record<string, unknown>>(
    object: T,
    field: (key: string) => string,
    cell: (key: string) => string | undefined,
  ): T => {
    let changed: Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(object)) {
      if (typeof value !== 'string') continue;
      const sanitised = clean(value, field(key), cell(key));
      if (sanitised !== value) (changed ??= { ...object })[key] = sanitised;
    }
    return (changed as T | undefined) ?? object;
  };

  const templateVersion = clean(declaration.templateVersion, 'templateVersion', 'Declaration!J3');
  const language = clean(declaration.language, 'language', 'Declaration!D3');
  const company = cleanObject(
    declaration.company,
    (key) => `company.${key}`,
    (key) => (key in COMPANY_CELLS ? companyCell(key as keyof typeof COMPANY_CELLS) : undefined),
  );
  const minerals = Object.fromEntries(
    METALS.map((metal: Metal) => {
      const answers = declaration.minerals[metal];
      const cleaned = Object.fromEntries(
        Object.entries(answers).map(([question, answer]) => [
          question,
          answer &&
            cleanObject(
              answer,
              (part) => `minerals.${metal}.${question}.${part}`,
              (part) => mineralCell(question as MineralQuestion, metal, part as 'answer' | 'comment'),
            ),
        ]),
      );
      return [metal, cleaned];
    }),
  ) as Declaration['minerals'];
  const companyQuestions = Object.fromEntries(
    Object.entries(declaration.companyQuestions).map(([question, answer]) => [
      question,
      answer &&
        cleanObject(
          answer,
          (part) => `companyQuestions.${question}.${part}`,
          (part) => companyQuestionCell(question as CompanyQuestion, part as 'answer' | 'comment'),
        ),
    ]),
  ) as Declaration['companyQuestions'];
  const smelters = declaration.smelters.map((smelter, index) =>
    cleanObject(
      smelter,
      (key) => `smelters[${index}].${key}`,
      (key) =>
        key in SMELTER_COLUMNS ? smelterCell(key as keyof typeof SMELTER_COLUMNS, smelter.row ?? SMELTER_FIRST_ROW + index) : undefined,
    ),
  );
  const products = declaration.products.map((product, index) =>
    cleanObject(
      product,
      (key) => `products[${index}].${key}`,
      (key) =>
        key in PRODUCT_COLUMNS ? productCell(key as keyof typeof PRODUCT_COLUMNS, product.row ?? PRODUCT_FIRST_ROW + index) : undefined,
    ),
  );
  if (findings.length === 0) return { declaration, findings };
  return {
    declaration: {
      ...declaration,
      ...(templateVersion !== undefined ? { templateVersion } : {}),
      ...(language !== undefined ? { language } : {}),
      company,
      minerals,
      companyQuestions,
      smelters,
      products,
    },
    findings,
  };
}
