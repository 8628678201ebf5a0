import type { Metal } from '@dd/domain';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';

interface Recorded {
  /** Business time of the event. */
  at: string;
  /** Who recorded it. */
  by: string;
  eventId: string;
}

export interface PolicyRecord extends Omit<Recorded, 'at'> {
  version: string;
  /** Business time of the PolicyAdopted event. */
  adoptedAt: string;
  url: string;
  /** How many policy versions were adopted for the period (this one is the latest). */
  versions: number;
}

export interface PolicyCommunication extends Recorded {
  audience: 'suppliers' | 'customers';
  count: number;
  channel: string | null;
  policyVersion: string;
}

export interface TeamRecord extends Recorded {
  members: Array<{ name: string; role: string }>;
  sponsor: string;
}

export interface ContractClause extends Recorded {
  supplierId: string;
  clause: string;
}

export interface GrievanceMechanism extends Recorded {
  description: string;
  url: string | null;
}

export interface GrievanceItem extends Recorded {
  grievanceId: string;
  anonymous: boolean;
  /** The reporter gave a name (kept in the event, not shown here). */
  named: boolean;
  description: string;
  supplierId: string | null;
  metal: Metal | null;
  smelterId: string | null;
  /** The risk it raised, once the grievance process manager has raised it. */
  riskId: string | null;
}

export interface ManagementReport extends Recorded {
  reportNumber: number;
  recipient: string;
  summary: string;
}

/** GET /program?period=: everything OECD step 1 asks of the company for one reporting year. */
export interface ManagementSystems {
  period: number;
  policy: PolicyRecord | null;
  communications: {
    /** Recipients per audience, summed over the communications. */
    totals: { suppliers: number; customers: number };
    items: PolicyCommunication[];
  };
  team: TeamRecord | null;
  contractClauses: { count: number; suppliers: ContractClause[] };
  grievanceMechanism: GrievanceMechanism | null;
  grievances: { count: number; anonymous: number; risksRaised: number; items: GrievanceItem[] };
  managementReports: ManagementReport[];
}

interface CurrentRow {
  data: string;
  at: string;
  by: string;
  eventId: string;
  versions: number;
}

interface LogRow {
  data: string;
  at: string;
  by: string;
  eventId: string;
}

export class ProgramQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  forPeriod(period: number): ManagementSystems {
    const policy = this.current(period, 'policy');
    const team = this.current(period, 'team');
    const mechanism = this.current(period, 'grievance-mechanism');
    const communications = this.log(period, 'PolicyCommunicated').map(({ data, ...stamp }): PolicyCommunication => ({
      audience: data.audience as PolicyCommunication['audience'],
      count: data.count as number,
      channel: (data.channel as string | undefined) ?? null,
      policyVersion: data.policyVersion as string,
      ...stamp,
    }));
    const clauses = this.log(period, 'ContractClauseRecorded').map(({ data, ...stamp }): ContractClause => ({
      supplierId: data.supplierId as string,
      clause: data.clause as string,
      ...stamp,
    }));
    const risks = new Map(
      (
        this.statements
          .get('SELECT grievance_id AS grievanceId, risk_id AS riskId FROM program_grievance_risks WHERE period = ?')
          .all(period) as Array<{ grievanceId: string; riskId: string }>
      ).map((row) => [row.grievanceId, row.riskId]),
    );
    const grievances = this.log(period, 'GrievanceRecorded').map(({ data, ...stamp }): GrievanceItem => ({
      grievanceId: data.grievanceId as string,
      anonymous: data.anonymous as boolean,
      named: data.named as boolean,
      description: data.description as string,
      supplierId: (data.supplierId as string | undefined) ?? null,
      metal: (data.metal as Metal | undefined) ?? null,
      smelterId: (data.smelterId as string | undefined) ?? null,
      riskId: risks.get(data.grievanceId as string) ?? null,
      ...stamp,
    }));
    const reports = this.log(period, 'ManagementReported').map(({ data, ...stamp }): ManagementReport => ({
      reportNumber: data.reportNumber as number,
      recipient: data.recipient as string,
      summary: data.summary as string,
      ...stamp,
    }));
    const total = (audience: PolicyCommunication['audience']) =>
      communications.filter((item) => item.audience === audience).reduce((sum, item) => sum + item.count, 0);
    return {
      period,
      policy: policy
        ? {
            version: policy.data.version as string,
            url: policy.data.url as string,
            versions: policy.versions,
            adoptedAt: policy.at,
            by: policy.by,
            eventId: policy.eventId,
          }
        : null,
      communications: { totals: { suppliers: total('suppliers'), customers: total('customers') }, items: communications },
      team: team ? { members: team.data.members as TeamRecord['members'], sponsor: team.data.sponsor as string, ...stampOf(team) } : null,
      contractClauses: { count: clauses.length, suppliers: clauses },
      grievanceMechanism: mechanism
        ? {
            description: mechanism.data.description as string,
            url: (mechanism.data.url as string | undefined) ?? null,
            ...stampOf(mechanism),
          }
        : null,
      grievances: {
        count: grievances.length,
        anonymous: grievances.filter((item) => item.anonymous).length,
        risksRaised: grievances.filter((item) => item.riskId !== null).length,
        items: grievances,
      },
      managementReports: reports,
    };
  }

  private current(period: number, kind: string): (Omit<CurrentRow, 'data'> & { data: Record<string, unknown> }) | null {
    const row = this.statements
      .get('SELECT data, at, by, event_id AS eventId, versions FROM program_current WHERE period = ? AND kind = ?')
      .get(period, kind) as CurrentRow | undefined;
    return row ? { ...row, data: JSON.parse(row.data) as Record<string, unknown> } : null;
  }

  private log(period: number, type: string): Array<Recorded & { data: Record<string, unknown> }> {
    const rows = this.statements
      .get('SELECT data, at, by, event_id AS eventId FROM program_log WHERE period = ? AND type = ? ORDER BY position')
      .all(period, type) as LogRow[];
    return rows.map((row) => ({ at: row.at, by: row.by, eventId: row.eventId, data: JSON.parse(row.data) as Record<string, unknown> }));
  }
}

function stampOf(row: Recorded): Recorded {
  return { at: row.at, by: row.by, eventId: row.eventId };
}
