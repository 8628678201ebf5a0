import type { Metal, ReferenceRow, RmapStatus } from '@dd/domain';

/**
 * The sample year's cast. Every name says "(sample data)" and every id starts with "demo-", so nobody
 * mistakes it for a real supply chain. The smelter ids are shaped like RMI's (CID + 6 digits) but lie
 * above the range RMI has assigned, and the smelters are invented.
 */
export const SAMPLE = '(sample data)';

export interface DemoSupplier {
  supplierId: string;
  name: string;
  tier: 'direct' | 'indirect';
  country: string;
  parentSupplierId?: string;
  owner: string;
}

const OWNERS = ['anna.buyer@demo.example', 'ben.sourcing@demo.example', 'chen.procurement@demo.example'];
const CM_COUNTRIES = ['TW', 'CN', 'MY', 'TH', 'VN'];
const SUB_TIER_COUNTRIES = ['CN', 'TW', 'JP', 'KR', 'MY', 'SG', 'DE', 'US'];

export const DIRECT_SUPPLIERS = 5;
export const INDIRECT_SUPPLIERS = 40;

/** Five contract manufacturers and forty of their sub-tier suppliers, each with an owner in purchasing. */
export function demoSuppliers(): DemoSupplier[] {
  const direct = Array.from({ length: DIRECT_SUPPLIERS }, (_, i): DemoSupplier => ({
    supplierId: `demo-cm-${i + 1}`,
    name: `Demo Contract Manufacturer ${i + 1} ${SAMPLE}`,
    tier: 'direct',
    country: CM_COUNTRIES[i % CM_COUNTRIES.length],
    owner: OWNERS[i % OWNERS.length],
  }));
  const indirect = Array.from({ length: INDIRECT_SUPPLIERS }, (_, i): DemoSupplier => ({
    supplierId: `demo-sub-${String(i + 1).padStart(2, '0')}`,
    name: `Demo Component Supplier ${i + 1} ${SAMPLE}`,
    tier: 'indirect',
    country: SUB_TIER_COUNTRIES[i % SUB_TIER_COUNTRIES.length],
    parentSupplierId: direct[i % DIRECT_SUPPLIERS].supplierId,
    owner: OWNERS[(i + 1) % OWNERS.length],
  }));
  return [...direct, ...indirect];
}

export interface DemoSmelter {
  smelterId: string;
  metal: Metal;
  name: string;
  country: string;
  status: RmapStatus;
}

/** A handful of invented smelters: one of them failed its RMAP assessment. */
export const DEMO_SMELTERS: readonly DemoSmelter[] = [
  { smelterId: 'CID009001', metal: 'tin', name: `Demo Tin Smelter Alpha ${SAMPLE}`, country: 'MALAYSIA', status: 'conformant' },
  { smelterId: 'CID009002', metal: 'tin', name: `Demo Tin Smelter Beta ${SAMPLE}`, country: 'RWANDA', status: 'non-conformant' },
  { smelterId: 'CID009003', metal: 'tantalum', name: `Demo Tantalum Works ${SAMPLE}`, country: 'JAPAN', status: 'conformant' },
  { smelterId: 'CID009004', metal: 'tungsten', name: `Demo Tungsten Refinery ${SAMPLE}`, country: 'VIET NAM', status: 'conformant' },
  { smelterId: 'CID009005', metal: 'gold', name: `Demo Gold Refinery ${SAMPLE}`, country: 'SWITZERLAND', status: 'conformant' },
  { smelterId: 'CID009006', metal: 'gold', name: `Demo Gold Refinery East ${SAMPLE}`, country: 'CHINA', status: 'active' },
];

export const NON_CONFORMANT_SMELTER = DEMO_SMELTERS[1];

export function demoReferenceRows(): ReferenceRow[] {
  return DEMO_SMELTERS.map((smelter) => ({
    metal: smelter.metal,
    lookupName: smelter.name,
    standardName: smelter.name,
    country: smelter.country,
    smelterId: smelter.smelterId,
    idSource: 'RMI',
  }));
}

export interface DemoProduct {
  productId: string;
  name: string;
  productLine: string;
  metalsNecessary: Metal[];
  determination: string;
  suppliers: string[];
}

/** Three products in two lines: one ends up undeterminable, one conflict free, one not found to be conflict free. */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    productId: 'demo-oem-100',
    name: `Demo OEM Module 100 ${SAMPLE}`,
    productLine: 'OEM Modules',
    metalsNecessary: ['tin', 'gold'],
    determination: 'Tin in the solder, gold in the connector plating',
    suppliers: ['demo-cm-1', 'demo-cm-2'],
  },
  {
    productId: 'demo-oem-200',
    name: `Demo OEM Module 200 ${SAMPLE}`,
    productLine: 'OEM Modules',
    metalsNecessary: ['tin', 'gold'],
    determination: 'Tin in the solder, gold in the bond wires',
    suppliers: ['demo-cm-3'],
  },
  {
    productId: 'demo-ent-300',
    name: `Demo Enterprise Gateway 300 ${SAMPLE}`,
    productLine: 'Enterprise Solutions',
    metalsNecessary: ['tin', 'gold', 'tantalum'],
    determination: 'Tin in the solder, gold plating, tantalum capacitors',
    suppliers: ['demo-cm-4', 'demo-cm-5'],
  },
];

/** Suppliers that answer at product level, and with what; every other responder answers at company level. */
export const PRODUCT_LEVEL = {
  /** Names only conformant smelters: its product comes out DRC conflict free. */
  conformant: ['demo-cm-3', 'demo-sub-07'],
  /** Names the non-conformant tin smelter and says its tin may come from the covered countries. */
  nonConformant: 'demo-cm-5',
};

/** Suppliers whose first answer is incomplete (a follow-up opens); all but the last resubmit. */
export const INCOMPLETE_FIRST = ['demo-sub-03', 'demo-sub-11', 'demo-sub-19'];

/** Suppliers that never answer: reminded twice, then escalated to their owner as a non-response risk. */
export const NON_RESPONDERS = ['demo-sub-38', 'demo-sub-40'];
