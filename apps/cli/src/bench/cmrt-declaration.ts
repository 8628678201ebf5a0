import { sampleDeclaration, type Declaration, type ReferenceRow } from '@dd/domain';

/**
 * The CMRT answers the benchmark's responses carry: the domain's complete sample answer (tungsten in
 * scope, no Checker error) naming these tungsten smelters on its Smelter List (by CID and look-up name), and optionally covered-country
 * sourcing declared for tungsten (Q3 = Yes), which the review turns into a red flag.
 */
export function benchDeclaration(options: { smelters: readonly ReferenceRow[]; coveredCountrySourcing: boolean }): Declaration {
  const declaration = sampleDeclaration();
  if (options.coveredCountrySourcing) declaration.minerals.tungsten.q3 = { answer: 'Yes', comment: 'Some ore from Rwanda' };
  declaration.smelters = options.smelters.map((smelter, index) => ({
    row: 5 + index,
    metal: 'tungsten' as const,
    lookupName: smelter.lookupName,
    name: smelter.standardName,
    country: smelter.country,
    smelterId: smelter.smelterId,
    smelterIdInput: smelter.smelterId,
    idSource: 'RMI',
    city: 'Xiamen',
    stateProvince: 'Fujian Sheng',
    recycledOrScrap: 'No',
  }));
  return declaration;
}
