import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real RMI workbooks under ../shared/cmrt (see its README). Specs that need them run only
 * when the folder is there: `const files = cmrtFiles(); (files ? describe : describe.skip)(...)`.
 * Set CMRT_FILES_DIR to read them from elsewhere.
 */
export interface CmrtFiles {
  dir: string;
  sample(name: 'JX' | 'Central Glass'): Uint8Array;
  template(name: string): Uint8Array;
  templatePath(name: string): string;
  samplePath(name: 'JX' | 'Central Glass'): string;
}

const SAMPLES = {
  JX: 'CMRT_6.4_JX_Advanced_Metals_anonymised.xlsx',
  'Central Glass': 'CMRT_6.4_Central_Glass_anonymised.xlsx',
} as const;

export const TEMPLATE_FILES = {
  '6.01': 'RMI_CMRT_6.01_blank_Chinese-display.xlsx',
  '6.1': 'RMI_CMRT_6.1_blank_Chinese-display.xlsx',
  '6.22': 'RMI_CMRT_6.22_blank_Chinese-display.xlsx',
  '6.31': 'RMI_CMRT_6.31_blank_Chinese-display.xlsx',
  '6.4': 'RMI_CMRT_6.4_blank_English.xlsx',
  '6.5': 'RMI_CMRT_6.5_blank_Chinese-display.xlsx',
  'EMRT 2.1': 'RMI_EMRT_2.1_blank_Chinese-display.xlsx',
  'EMRT 2.0': 'RMI_EMRT_2.0_blank.xlsx',
  'AMRT 1.3': 'RMI_AMRT_1.3_blank.xlsx',
} as const;

let warned = false;
const cache = new Map<string, Uint8Array>();

export function cmrtFiles(): CmrtFiles | undefined {
  const dir = process.env.CMRT_FILES_DIR ?? resolve(__dirname, '../../../../../shared/cmrt');
  if (!existsSync(join(dir, 'samples')) || !existsSync(join(dir, 'templates'))) {
    if (!warned) {
      warned = true;
      console.warn(
        `[libs/cmrt] Skipping tests on real CMRT workbooks: ${dir} (samples/, templates/) not found. Set CMRT_FILES_DIR to run them.`,
      );
    }
    return undefined;
  }
  const read = (path: string) => {
    let bytes = cache.get(path);
    if (!bytes) {
      bytes = new Uint8Array(readFileSync(path));
      cache.set(path, bytes);
    }
    return bytes;
  };
  const samplePath = (name: keyof typeof SAMPLES) => join(dir, 'samples', SAMPLES[name]);
  const templatePath = (name: string) => join(dir, 'templates', TEMPLATE_FILES[name as keyof typeof TEMPLATE_FILES] ?? name);
  return {
    dir,
    samplePath,
    templatePath,
    sample: (name) => read(samplePath(name)),
    template: (name) => read(templatePath(name)),
  };
}
