/** The shapes of the API's answers the console reads (the fields it uses; the OpenAPI document at /docs has them all). */
export interface PeriodAnswer {
  period: number;
  status: string;
  formSdDeadline: string;
  daysLeft: number;
  today: string;
  policy: { defaultDueDate?: string | null };
}

export interface CampaignFigures {
  period: number;
  today: string;
  requestsSent: number;
  responded: number;
  responseRate: number | null;
  usable: number;
  usableRate: number | null;
  awaitingResponse: number;
  overdue: number;
  remindersSent: number;
  escalations: number;
  followUpsOpen: number;
  campaigns: Array<{ campaignId: string; family: string; dueDate: string; launchedAt: string; selected: number; responded: number }>;
}

export interface RiskAction {
  description: string;
  dueDate: string;
  completed: boolean;
}

export interface Risk {
  riskId: string;
  supplierId: string | null;
  period: number;
  metal: string | null;
  smelterId: string | null;
  category: string;
  severity: string;
  status: string;
  reason: string;
  raisedAt: string;
  raisedBy: string;
  source: string;
  sourceEventIds: string[];
  owner: string | null;
  assessment: { likelihood: string; impact: string; severity: string; rationale: string; at: string; by: string; eventId: string } | null;
  mitigation: {
    strategy: string;
    plan: string;
    dueDate: string | null;
    completed: boolean;
    actions: RiskAction[];
    at: string;
    by: string;
    eventId: string;
  } | null;
  escalations: Array<{ dueDate: string; escalatedTo: string; reason: string; at: string; by: string; eventId: string }>;
  closure: { resolution: string; note?: string; at: string; by: string; eventId: string } | null;
  updatedAt: string;
}

export interface RiskDetail extends Risk {
  history: Array<{ type: string; at: string; recordedAt: string; by: string; summary: string; eventId: string }>;
  findings: Array<{ cell?: string; message: string; severity: string }>;
}

export interface Criterion {
  id: string;
  description: string;
  met: boolean;
  evidence: string[];
  evidenceCount: number;
  missing?: string;
}

export interface OecdStatus {
  period: number;
  today: string;
  steps: Array<{ step: number; name: string; status: string; criteria: Criterion[] }>;
}

export interface Conformance {
  metal: string;
  identified: number;
  conformant: number;
  active: number;
  other: number;
  share: number | null;
}

export interface ProductConclusions {
  summary: { period: number; products: number; byConclusion: Record<string, number> };
  products: Array<{ productId: string; name: string; conclusion: string; metalsNecessary: string[]; suppliers: string[] }>;
}

export interface Finding {
  cell?: string;
  field?: string;
  message: string;
  metal?: string;
  ruleId?: string;
  severity: string;
}

export interface SurveyResponse {
  responseNumber: number;
  receivedAt: string;
  eventId: string;
  source: string;
  fileName: string | null;
  sha256?: string | null;
  templateVersion: string | null;
  scope: string | null;
  followUpKinds: string[];
  smelterCount: number;
  findingCounts: Record<string, number>;
}

export interface FollowUp {
  followUpId?: string;
  kind: string;
  status?: string;
  requestedAt?: string;
  at?: string;
  note?: string;
  resolvedAt?: string | null;
  [other: string]: unknown;
}

export interface SurveyRow {
  supplierId: string;
  name: string;
  tier: string;
  period: number;
  family: string;
  status: string;
  dueDate: string | null;
  sentAt: string | null;
  remindersSent: number;
  responses: SurveyResponse[];
  latestFindings: Finding[];
  followUps: FollowUp[];
}

export interface Supplier {
  supplierId: string;
  name: string;
  tier: string;
  country: string | null;
  parentSupplierId: string | null;
  status: string;
  owner: string | null;
  registeredAt: string;
  contacts: Array<{ name: string; email: string; language?: string }>;
  productIds: string[];
}

export interface SupplierDetail {
  supplierId: string;
  name: string;
  tier: string;
  country: string | null;
  parentSupplierId: string | null;
  registeredAt: string;
  eventId: string;
  children: string[];
  surveys: Array<Omit<SurveyRow, 'supplierId' | 'name' | 'tier'>>;
}

export interface AuditEntry {
  position: number;
  streamId: string;
  type: string;
  actor: string;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  hash: string;
  supplierId: string | null;
  period: number | null;
  data?: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  nextAfter: number | null;
}

export interface Smelter {
  smelterId: string;
  metal: string;
  standardName: string;
  country: string | null;
  onReferenceList: boolean;
  rmapStatus: string | null;
  statusAsOf: string | null;
  statusHistory: Array<{ status: string; asOf: string; eventId: string }>;
  /** The first namings only (GET /smelters/{cid}/namings pages through all). */
  namedBy: Array<{ supplierId: string; responseNumber: number; row: number; eventId: string }>;
  /** How many rows name it. */
  namings: number;
}
