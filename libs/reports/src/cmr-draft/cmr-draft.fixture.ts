import { CMR_FIGURE_IDS } from './cmr-draft.figures';
import type { CmrDraftModel } from './cmr-draft.model';

/** A filled-in CMR draft model (the year after a survey), for renderer specs and the browser spec. */
export function sampleCmrDraftModel(): CmrDraftModel {
  const known: Record<string, [number | null, string, string]> = {
    'products.registered': [4, 'S1', 'length'],
    'products.inScope': [3, 'S1', 'count where inScope'],
    'suppliers.active.direct': [5, 'S2', 'count where tier = direct'],
    'suppliers.active.indirect': [40, 'S2', 'count where tier = indirect'],
    'survey.sent.total': [45, 'S3', 'requestsSent'],
    'survey.sent.direct': [5, 'S3', 'byTier.direct.requestsSent'],
    'survey.sent.indirect': [40, 'S3', 'byTier.indirect.requestsSent'],
    'survey.responded.total': [43, 'S3', 'responded'],
    'survey.responseRate': [0.9556, 'S3', 'responseRate'],
    'survey.usableRate': [null, 'S3', 'usableRate'],
    'smelters.tin.identified': [2, 'S5', '[metal = tin].identified'],
  };
  return {
    period: 2024,
    asOf: { position: 249, time: '2025-04-15T09:00:00.000Z' },
    companyName: null,
    sources: [
      { id: 'S1', read: 'GetProducts', request: 'GET /products' },
      { id: 'S2', read: 'GetSupplierProfiles', request: 'GET /suppliers?status=active' },
      { id: 'S3', read: 'GetCampaignFigures', request: 'GET /campaigns?period=2024' },
      { id: 'S4', read: 'GetOecdStatus', request: 'GET /oecd-status?period=2024' },
      { id: 'S5', read: 'GetSmelterConformance', request: 'GET /smelters/conformance?period=2024' },
      { id: 'S6', read: 'GetSmelters', request: 'GET /smelters?period=2024' },
      { id: 'S7', read: 'GetProductConclusions', request: 'GET /product-conclusions?period=2024' },
      { id: 'S8', read: 'GetManagementSystems', request: 'GET /program?period=2024' },
    ],
    figures: CMR_FIGURE_IDS.map((id, index) => {
      const [value, source, field] = known[id] ?? [index % 7, 'S3', `sample.${id}`];
      return { id, value, source, field };
    }),
    products: {
      source: 'S1',
      rows: [
        {
          productId: 'p-100',
          name: 'Module 100 <rev B> & spares',
          productLine: 'OEM Modules',
          metalsNecessary: ['tin', 'gold'],
          inScope: true,
          determination: 'Tin in the solder, gold in the connector plating',
        },
        {
          productId: 'p-300',
          name: 'Gateway 300',
          productLine: 'Enterprise Solutions',
          metalsNecessary: ['tin', 'gold', 'tantalum'],
          inScope: true,
          determination: 'Tantalum capacitors',
        },
        { productId: 'p-400', name: 'Cable kit', productLine: 'Accessories', metalsNecessary: [], inScope: false, determination: 'No 3TG' },
      ],
    },
    oecdSteps: {
      source: 'S4',
      rows: [1, 2, 3, 4, 5].map((step) => ({
        step,
        name: ['Management systems', 'Identify and assess risk', 'Respond to risk', 'Third-party audits', 'Report'][step - 1],
        status: step < 3 ? ('met' as const) : step === 5 ? ('not-started' as const) : ('in-progress' as const),
        criteria: [
          { description: `Criterion A of step ${step}`, met: step < 5, evidenceCount: step * 3, missing: null },
          {
            description: `Criterion B of step ${step}`,
            met: step < 3,
            evidenceCount: step < 3 ? 1 : 0,
            missing: step < 3 ? null : `Nothing recorded for B of step ${step}`,
          },
        ],
      })),
    },
    managementSystems: {
      source: 'S8',
      facts: {
        policy: { version: '2024.1', url: 'https://example.com/policy.pdf', adoptedAt: '2025-01-06T09:00:00.000Z' },
        team: { sponsor: 'Chief Operating Officer', members: 3 },
        grievanceMechanism: { description: 'Whistleblower line', url: null },
      },
    },
    smelterCountries: {
      source: 'S6',
      rows: [
        { country: 'MALAYSIA', metal: 'tin', smelters: 1 },
        { country: 'RWANDA', metal: 'tin', smelters: 1 },
        { country: 'SWITZERLAND', metal: 'gold', smelters: 1 },
      ],
    },
    conclusions: {
      source: 'S7',
      rows: [
        {
          productId: 'p-300',
          name: 'Gateway 300',
          productLine: 'Enterprise Solutions',
          conclusion: 'not found to be DRC conflict free',
          reasons: ['cm-5: CID009002 (non-conformant) for tin, with covered-country sourcing answered yes'],
        },
        {
          productId: 'p-100',
          name: 'Module 100 <rev B> & spares',
          productLine: 'OEM Modules',
          conclusion: 'DRC conflict undeterminable',
          reasons: ['cm-1 answered at company level'],
        },
      ],
    },
    annex: {
      source: 'S6',
      rows: [
        { metal: 'tin', smelterId: 'CID009001', name: 'Tin Smelter Alpha', country: 'MALAYSIA', rmapStatus: 'conformant' },
        { metal: 'tin', smelterId: 'CID009002', name: 'Tin Smelter Beta', country: 'RWANDA', rmapStatus: 'non-conformant' },
        { metal: 'gold', smelterId: 'CID009005', name: 'Gold Refinery', country: 'SWITZERLAND', rmapStatus: 'conformant' },
      ],
    },
  };
}
