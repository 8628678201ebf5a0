import { sampleDeclaration, type Declaration } from '@dd/domain';

/**
 * The CMRT answers the benchmark's responses carry: the domain's complete sample answer (tungsten in
 * scope, no Checker error) with `smelters` rows on the Smelter List, and optionally covered-country
 * sourcing declared for tungsten (Q3 = Yes), which the review turns into a red flag.
 */
export function benchDeclaration(options: { smelters: number; coveredCountrySourcing: boolean }): Declaration {
  const declaration = sampleDeclaration();
  if (options.coveredCountrySourcing) declaration.minerals.tungsten.q3 = { answer: 'Yes', comment: 'Some ore from Rwanda' };
  declaration.smelters = Array.from({ length: options.smelters }, (_, index) => {
    const smelterId = `CID${String(2000 + index).padStart(6, '0')}`;
    return {
      row: 5 + index,
      metal: 'tungsten' as const,
      lookupName: 'Xiamen Tungsten Co., Ltd.',
      name: 'Xiamen Tungsten Co., Ltd.',
      country: 'CHINA',
      smelterId,
      smelterIdInput: smelterId,
      idSource: 'RMI',
      city: 'Xiamen',
      stateProvince: 'Fujian Sheng',
      recycledOrScrap: 'No',
    };
  });
  return declaration;
}
