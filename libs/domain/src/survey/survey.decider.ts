import { evaluateDeclaration, sanitiseDeclarationText, sortFindings, summariseFindings } from '../declaration/checker';
import type { Finding, FollowUpKind } from '../declaration/finding';
import { inScopeMetals } from '../declaration/metal-scope';
import { usabilityOf } from '../declaration/response-usability';
import { CommandRefused } from '../shared/command-refused';
import { decideByType, type Decider } from '../shared/decider';
import { commandRow, typed, type CommandFacts } from '../shared/command-row';
import { streams } from '../shared/streams';
import { ReferenceIndex } from '../smelter/reference-index';
import { matchSmelterRows, type SmelterMatch } from '../smelter/smelter-match';
import type { SupplierState } from '../supplier/supplier.decider';
import { AcceptResponse } from './accept-response.command';
import { ConfirmSmelterMatch } from './confirm-smelter-match.command';
import { EscalateNonResponse, UNASSIGNED_OWNER } from './escalate-non-response.command';
import { RecordResponse } from './record-response.command';
import { RequestFollowUp } from './request-follow-up.command';
import { ResolveFollowUp } from './resolve-follow-up.command';
import { ChaseFollowUp } from './chase-follow-up.command';
import { SendCMRT } from './send-cmrt.command';
import { SendReminder } from './send-reminder.command';
import { RecordEmrtResponse } from './record-emrt-response.command';
import { RevokeSupplierLink } from './revoke-supplier-link.command';
import { familyField, familyOf, SURVEY_FAMILY_LABELS, type SurveyFamily } from './survey-family';
import type { ResponseSource, SurveyEvent } from './survey.events';
import { inScopeMinerals, reviewEmrtDeclaration, sanitiseTemplateText } from '../declaration/checker/emrt-review.rules';

export type SurveyCommand =
  | {
      type: 'SendCMRT';
      data: SendCMRT;
      /** Set when a campaign sends it (the campaign dispatcher); recorded on CMRTSent. */
      campaignId?: string;
    }
  | { type: 'SendReminder'; data: SendReminder }
  | {
      type: 'RecordResponse';
      data: RecordResponse;
      /** Where the declaration came from (a CMRT file's fingerprint); JSON when absent. */
      source?: ResponseSource;
      /** Problems the workbook reader noticed (unparseable dates, odd values), with their cells. */
      readerFindings?: Finding[];
    }
  | {
      type: 'RecordEmrtResponse';
      data: RecordEmrtResponse;
      /** The EMRT file's fingerprint; JSON when absent. */
      source?: ResponseSource;
      readerFindings?: Finding[];
    }
  | { type: 'AcceptResponse'; data: AcceptResponse }
  | { type: 'RequestFollowUp'; data: RequestFollowUp }
  | { type: 'ResolveFollowUp'; data: ResolveFollowUp }
  | { type: 'ChaseFollowUp'; data: ChaseFollowUp }
  | { type: 'ConfirmSmelterMatch'; data: ConfirmSmelterMatch }
  | { type: 'EscalateNonResponse'; data: EscalateNonResponse }
  | { type: 'RevokeSupplierLink'; data: RevokeSupplierLink };

/** One supplier's CMRT (or EMRT) request/response lifecycle for one reporting period. */
export interface SurveyState {
  status: 'not-sent' | 'awaiting-response' | 'responded' | 'accepted';
  /** The template this survey asks for (its first request says; every later event is stamped with it). */
  family: SurveyFamily;
  requestNumber: number;
  dueDate?: string;
  /** The day the current request was sent (absent for requests recorded before it was kept). */
  requestedOn?: string;
  remindersForRequest: number;
  /** The current request was escalated to the supplier's owner (EscalateNonResponse, once per request). */
  escalatedForRequest: boolean;
  responses: number;
  /** Fingerprint of the latest response's file: the same file twice records nothing new. */
  latestSourceSha256?: string;
  latestMatches: SmelterMatch[];
  /** Open follow-ups by id. */
  openFollowUps: Map<string, FollowUpKind>;
  followUpsRequested: number;
  /** Requests whose answer link was revoked (RevokeSupplierLink). */
  revokedLinks: number[];
}

export interface SurveyContext {
  /** The supplier's own stream, folded; every survey command is refused for an unknown supplier. */
  supplier: SupplierState;
  /** From the period's policy: answers on an older CMRT revision get an error finding. */
  oldestAcceptedTemplateVersion?: string;
  /** The time the command is decided at (ISO), used for due-date and receipt checks. */
  now: string;
  /** The current RMI reference list of the survey's family (the EMRT's own for an EMRT); smelter rows are matched against it. Empty when none imported. */
  reference?: ReferenceIndex;
}

const isoDay = (iso: string) => iso.slice(0, 10);
/** The EMRT survey's follow-ups are `<year>-<supplier>:emrt-<n>-<kind>`, apart from the CMRT's (streams.survey). */
const followUpId = (period: number, supplierId: string, sequence: number, kind: FollowUpKind, family: SurveyFamily) =>
  `${period}-${supplierId}${family === 'cmrt' ? '' : `:${family}`}-${sequence}-${kind}`;
const label = (state: SurveyState) => SURVEY_FAMILY_LABELS[state.family];

/** One named decision per command type (decideByType). */
/** Reminders and escalations are about an unanswered request: refused before one is sent and once it is answered. */
function mustAwaitResponse(state: SurveyState, supplierId: string, period: number): void {
  if (state.status === 'awaiting-response') return;
  throw new CommandRefused(
    state.status === 'not-sent' ? 'survey-not-sent' : 'survey-already-answered',
    state.status === 'not-sent'
      ? `no ${label(state)} was sent to ${supplierId} for ${period}`
      : `${supplierId} has already answered the ${label(state)} request for ${period}`,
  );
}

const decisions = decideByType<SurveyCommand, SurveyEvent, SurveyState, SurveyContext>({
  SendCMRT: (command, state, context) => {
    const { supplierId, period, family: _family, ...request } = command.data;
    const family = familyOf(command.data);
    if (state.status === 'awaiting-response') {
      throw new CommandRefused(
        'survey-request-open',
        `a ${SURVEY_FAMILY_LABELS[family]} request to ${supplierId} for ${period} is already open (due ${state.dueDate}); send a reminder instead`,
      );
    }
    if (command.data.dueDate < isoDay(context.now)) {
      throw new CommandRefused('due-date-in-past', `due date ${command.data.dueDate} is already past`);
    }
    const campaign = command.campaignId ? { campaignId: command.campaignId } : {};
    return [
      {
        type: 'CMRTSent',
        data: {
          supplierId,
          period,
          ...familyField(family),
          ...request,
          requestNumber: state.requestNumber + 1,
          ...campaign,
          sentOn: isoDay(context.now),
        },
      },
    ];
  },
  SendReminder: (command, state, context) => {
    const { supplierId, period } = command.data;
    mustAwaitResponse(state, supplierId, period);
    return [
      {
        type: 'ReminderSent',
        data: {
          supplierId,
          period,
          requestNumber: state.requestNumber,
          reminderNumber: state.remindersForRequest + 1,
          overdue: state.dueDate !== undefined && isoDay(context.now) > state.dueDate,
        },
      },
    ];
  },
  EscalateNonResponse: escalateNonResponse,
  RevokeSupplierLink: (command, state) => {
    const { supplierId, period, reason } = command.data;
    if (state.status === 'not-sent')
      throw new CommandRefused('survey-not-sent', `no ${label(state)} was sent to ${supplierId} for ${period}`);
    const requestNumber = command.data.requestNumber ?? state.requestNumber;
    if (requestNumber > state.requestNumber) {
      throw new CommandRefused(
        'request-unknown',
        `${supplierId} has ${state.requestNumber} ${label(state)} request(s) for ${period}, not a request ${requestNumber}`,
      );
    }
    // Revoked already: nothing more to record (a retry, or two people at once).
    if (state.revokedLinks.includes(requestNumber)) return [];
    return [{ type: 'SupplierLinkRevoked', data: { supplierId, period, requestNumber, ...(reason ? { reason } : {}) } }];
  },
  RecordResponse: recordResponse,
  RecordEmrtResponse: recordEmrtResponse,
  AcceptResponse: (command, state) => {
    const { supplierId, period } = command.data;
    if (state.responses === 0) throw new CommandRefused('no-response', `${supplierId} has not answered for ${period}`);
    if (state.status === 'accepted')
      throw new CommandRefused('already-accepted', `the latest response of ${supplierId} for ${period} is already accepted`);
    if (state.openFollowUps.size > 0) {
      throw new CommandRefused('follow-ups-open', `follow-ups still open: ${[...state.openFollowUps.keys()].join(', ')}`);
    }
    return [
      {
        type: 'ResponseAccepted',
        data: { supplierId, period, responseNumber: state.responses, ...(command.data.note ? { note: command.data.note } : {}) },
      },
    ];
  },
  RequestFollowUp: (command, state) => {
    const { supplierId, period } = command.data;
    if (state.status === 'not-sent')
      throw new CommandRefused('survey-not-sent', `no ${label(state)} was sent to ${supplierId} for ${period}`);
    const { kind, findings, note } = command.data;
    return [
      {
        type: 'FollowUpRequested',
        data: {
          supplierId,
          period,
          followUpId: followUpId(period, supplierId, state.followUpsRequested + 1, kind, state.family),
          kind,
          responseNumber: state.responses,
          origin: 'reviewer',
          findings: findings.map((message) => ({ ruleId: 'reviewer.follow-up', severity: 'error', field: 'declaration', kind, message })),
          ...(note ? { note } : {}),
        },
      },
    ];
  },
  ResolveFollowUp: (command, state) => {
    const { supplierId, period } = command.data;
    if (!state.openFollowUps.has(command.data.followUpId)) {
      throw new CommandRefused('follow-up-not-open', `no open follow-up ${command.data.followUpId} for ${supplierId} in ${period}`);
    }
    return [
      {
        type: 'FollowUpResolved',
        data: { supplierId, period, followUpId: command.data.followUpId, resolution: 'reviewer', note: command.data.note },
      },
    ];
  },
  ChaseFollowUp: (command, state) => {
    const { supplierId, period, followUpId, note } = command.data;
    const kind = state.openFollowUps.get(followUpId);
    if (kind === undefined) {
      throw new CommandRefused('follow-up-not-open', `no open follow-up ${followUpId} for ${supplierId} in ${period}`);
    }
    return [{ type: 'FollowUpChased', data: { supplierId, period, ...familyField(state.family), followUpId, kind, note } }];
  },
  ConfirmSmelterMatch: (command, state, context) => {
    const { supplierId, period } = command.data;
    const match = state.latestMatches.find((candidate) => candidate.row === command.data.row);
    if (!match)
      throw new CommandRefused(
        'smelter-row-unknown',
        `the latest response of ${supplierId} for ${period} has no Smelter List row ${command.data.row}`,
      );
    const smelter = context.reference?.smelter(command.data.smelterId);
    if (!smelter) throw new CommandRefused('smelter-unknown', `${command.data.smelterId} is not on the current reference list`);
    if (match.metal && smelter.metal !== match.metal) {
      throw new CommandRefused(
        'smelter-metal-mismatch',
        `${command.data.smelterId} is a ${smelter.metal} smelter; row ${match.row} is ${match.metal}`,
      );
    }
    return [
      {
        type: 'SmelterMatchConfirmed',
        data: {
          supplierId,
          period,
          responseNumber: state.responses,
          index: match.index,
          row: match.row,
          metal: smelter.metal,
          smelterId: smelter.smelterId,
          standardName: smelter.standardName,
          previousStatus: match.status,
        },
      },
    ];
  },
});

export const surveyDecider: Decider<SurveyCommand, SurveyEvent, SurveyState, SurveyContext> = {
  initialState: () => ({
    status: 'not-sent',
    family: 'cmrt',
    requestNumber: 0,
    remindersForRequest: 0,
    escalatedForRequest: false,
    responses: 0,
    latestMatches: [],
    openFollowUps: new Map(),
    followUpsRequested: 0,
    revokedLinks: [],
  }),

  evolve: (state, event) => {
    switch (event.type) {
      case 'CMRTSent':
        return {
          ...state,
          status: 'awaiting-response',
          family: familyOf(event.data),
          requestNumber: event.data.requestNumber,
          dueDate: event.data.dueDate,
          requestedOn: event.data.sentOn,
          remindersForRequest: 0,
          escalatedForRequest: false,
        };
      case 'ReminderSent':
        return { ...state, remindersForRequest: event.data.reminderNumber };
      case 'ResponseRecorded':
        return {
          ...state,
          status: 'responded',
          responses: event.data.responseNumber,
          latestSourceSha256: event.data.source.kind === 'cmrt-file' ? event.data.source.sha256 : undefined,
          // A copy the fold owns, so that confirmations may replace rows in it (never in the event's data).
          latestMatches: [...event.data.smelterMatches],
        };
      case 'EmrtResponseRecorded':
        return {
          ...state,
          status: 'responded',
          responses: event.data.responseNumber,
          latestSourceSha256: event.data.source.kind === 'cmrt-file' ? event.data.source.sha256 : undefined,
          // Matched against the EMRT's own reference list when one was in force (else none to confirm).
          latestMatches: [...(event.data.smelterMatches ?? [])],
        };
      // The fold owns these collections (decider.ts): changed in place, not copied per event.
      case 'FollowUpRequested':
        return {
          ...state,
          openFollowUps: state.openFollowUps.set(event.data.followUpId, event.data.kind),
          followUpsRequested: state.followUpsRequested + 1,
        };
      case 'FollowUpResolved':
        state.openFollowUps.delete(event.data.followUpId);
        return state;
      case 'FollowUpChased':
        // Asked again: nothing a later command decides on changes.
        return state;
      case 'ResponseAccepted':
        return { ...state, status: 'accepted' };
      case 'NonResponseEscalated':
        return { ...state, escalatedForRequest: true };
      case 'SupplierLinkRevoked':
        return { ...state, revokedLinks: [...state.revokedLinks, event.data.requestNumber] };
      case 'SmelterMatchConfirmed':
        state.latestMatches.forEach((match, at) => {
          if (match.index === event.data.index) {
            state.latestMatches[at] = {
              ...match,
              status: 'matched',
              method: 'confirmed',
              smelterId: event.data.smelterId,
              standardName: event.data.standardName,
            };
          }
        });
        return state;
    }
  },

  decide: (command, state, context) => {
    const { supplierId } = command.data;
    if (context.supplier.status !== 'registered') {
      throw new CommandRefused('supplier-unknown', `supplier ${supplierId} is not registered`);
    }
    // An EMRT survey's events all say so, so that read models keep its requests, responses and follow-ups apart.
    const family = command.type === 'SendCMRT' && state.status === 'not-sent' ? familyOf(command.data) : state.family;
    const events = decisions(command, state, context);
    return family === 'cmrt' ? events : events.map((event) => ({ ...event, data: { ...event.data, family } }) as SurveyEvent);
  },
};

/**
 * Past the due date, still unanswered: the supplier's owner takes it up. Whether the reminders have
 * all gone out is the scheduler's policy (the period's reminder days); the rule here is the request's.
 */
function escalateNonResponse(
  command: Extract<SurveyCommand, { type: 'EscalateNonResponse' }>,
  state: SurveyState,
  context: SurveyContext,
): SurveyEvent[] {
  const { supplierId, period } = command.data;
  mustAwaitResponse(state, supplierId, period);
  // Once per request: a repeat (a second tick, a retry) is already true.
  if (state.escalatedForRequest) return [];
  const dueDate = state.dueDate as string;
  if (isoDay(context.now) <= dueDate) {
    throw new CommandRefused(
      'not-overdue',
      `the request to ${supplierId} for ${period} is due ${dueDate}, not past on ${isoDay(context.now)}`,
    );
  }
  const owner = (context.supplier.status === 'registered' && context.supplier.owner) || UNASSIGNED_OWNER;
  return [
    {
      type: 'NonResponseEscalated',
      data: { supplierId, period, requestNumber: state.requestNumber, owner, reminders: state.remindersForRequest, dueDate },
    },
  ];
}

/**
 * What a response of either template must pass before it is reviewed: a request of that family was
 * sent, and it is not in the future. Its receipt time, normalised to UTC so offsets such as +02:00
 * compare correctly; null when the same file answers the same request again (nothing new to say).
 */
function responseReceivedAt(
  command: Extract<SurveyCommand, { type: 'RecordResponse' | 'RecordEmrtResponse' }>,
  state: SurveyState,
  context: SurveyContext,
  family: SurveyFamily,
): string | null {
  const { supplierId, period } = command.data;
  const asked = SURVEY_FAMILY_LABELS[family];
  if (state.status === 'not-sent') throw new CommandRefused('survey-not-sent', `no ${asked} was sent to ${supplierId} for ${period}`);
  if (state.family !== family) {
    throw new CommandRefused(
      'template-family-mismatch',
      `the survey of ${supplierId} for ${period} asks for the ${label(state)}, not ${family === 'emrt' ? 'an' : 'a'} ${asked}`,
    );
  }
  if (command.source?.kind === 'cmrt-file' && command.source.sha256 === state.latestSourceSha256) return null;
  const receivedAt = new Date(command.data.receivedAt ?? context.now).toISOString();
  if (Date.parse(receivedAt) > Date.parse(context.now)) {
    throw new CommandRefused('received-in-future', `receivedAt ${receivedAt} lies in the future`);
  }
  return receivedAt;
}

function recordResponse(
  command: Extract<SurveyCommand, { type: 'RecordResponse' }>,
  state: SurveyState,
  context: SurveyContext,
): SurveyEvent[] {
  const { supplierId, period } = command.data;
  const receivedAt = responseReceivedAt(command, state, context, 'cmrt');
  if (receivedAt === null) return [];
  // The supplier's text is recorded, never refused: control and direction characters are neutralised and flagged.
  const { declaration, findings: textFindings } = sanitiseDeclarationText(command.data.declaration);
  const findings = sortFindings([
    ...(command.readerFindings ?? []),
    ...textFindings,
    ...evaluateDeclaration(declaration, {
      receivedAt,
      oldestAcceptedTemplateVersion: context.oldestAcceptedTemplateVersion,
      expectedCompanyName: context.supplier.status === 'registered' ? context.supplier.name : undefined,
      period,
      requestedOn: state.requestedOn,
    }),
  ]);
  const reference = context.reference ?? ReferenceIndex.empty();
  const responseNumber = state.responses + 1;
  const events: SurveyEvent[] = [
    {
      type: 'ResponseRecorded',
      data: {
        supplierId,
        period,
        requestNumber: state.requestNumber,
        responseNumber,
        receivedAt,
        declaration,
        source: command.source ?? { kind: 'json' },
        inScopeMetals: inScopeMetals(declaration),
        findings,
        followUpKinds: summariseFindings(findings).followUpKinds,
        smelterMatches: matchSmelterRows(declaration.smelters, reference),
        referenceListAsOf: reference.asOf,
        ...(state.responses > 0 ? { supersedesResponse: state.responses } : {}),
        usability: usabilityOf(findings),
      },
    },
  ];
  return [...events, ...followUpsOfResponse(state, supplierId, period, responseNumber, findings)];
}

/** A resubmission answers every open follow-up; what is still wrong opens new ones (one per kind). */
function followUpsOfResponse(
  state: SurveyState,
  supplierId: string,
  period: number,
  responseNumber: number,
  findings: Finding[],
): SurveyEvent[] {
  const events: SurveyEvent[] = [];
  for (const id of state.openFollowUps.keys()) {
    events.push({ type: 'FollowUpResolved', data: { supplierId, period, followUpId: id, resolution: 'resubmitted', responseNumber } });
  }
  let sequence = state.followUpsRequested;
  for (const kind of summariseFindings(findings).followUpKinds) {
    events.push({
      type: 'FollowUpRequested',
      data: {
        supplierId,
        period,
        followUpId: followUpId(period, supplierId, ++sequence, kind, state.family),
        kind,
        responseNumber,
        origin: 'checker',
        // An unusable response's one follow-up carries every error, so the supplier sees what a proper answer needs.
        findings: findings.filter((finding) => finding.severity === 'error' && (kind === 'unusable' || finding.kind === kind)),
      },
    });
  }
  return events;
}

/**
 * An EMRT response on the supplier's EMRT survey: reviewed by the EMRT Checker rules and the same
 * usability checks as a CMRT's (blank, another company), with the same follow-ups. While the EMRT's own
 * reference list is in force (ImportReferenceList family emrt), its Smelter List rows are matched against
 * it as a CMRT's are against the 3TG list (by CID, by name, or candidates for ConfirmSmelterMatch);
 * before, they are kept as the supplier gave them (placed by the CID the workbook's Look-up gave).
 */
function recordEmrtResponse(
  command: Extract<SurveyCommand, { type: 'RecordEmrtResponse' }>,
  state: SurveyState,
  context: SurveyContext,
): SurveyEvent[] {
  const { supplierId, period } = command.data;
  const receivedAt = responseReceivedAt(command, state, context, 'emrt');
  if (receivedAt === null) return [];
  const { declaration, findings: textFindings } = sanitiseTemplateText(command.data.declaration);
  const findings = sortFindings([
    ...(command.readerFindings ?? []),
    ...textFindings,
    ...reviewEmrtDeclaration(declaration, {
      expectedCompanyName: context.supplier.status === 'registered' ? context.supplier.name : undefined,
      receivedAt,
      period,
      requestedOn: state.requestedOn,
    }),
  ]);
  const responseNumber = state.responses + 1;
  return [
    {
      type: 'EmrtResponseRecorded',
      data: {
        supplierId,
        period,
        requestNumber: state.requestNumber,
        responseNumber,
        receivedAt,
        declaration,
        source: command.source ?? { kind: 'json' },
        inScopeMinerals: inScopeMinerals(declaration),
        findings,
        followUpKinds: summariseFindings(findings).followUpKinds,
        ...(context.reference?.asOf
          ? { smelterMatches: matchSmelterRows(declaration.smelters, context.reference), referenceListAsOf: context.reference.asOf }
          : {}),
        ...(state.responses > 0 ? { supersedesResponse: state.responses } : {}),
        usability: usabilityOf(findings),
      },
    },
    ...followUpsOfResponse(state, supplierId, period, responseNumber, findings),
  ];
}

/**
 * Every survey command acts on `survey-<period>-<supplierId>` (the EMRT's: `...:emrt`, by the command's
 * family) with the supplier and the current reference list of that family as context.
 */
const onSurvey = {
  decider: surveyDecider,
  streamId: (data: { period: number; supplierId: string; family?: SurveyFamily }) =>
    streams.survey(data.period, data.supplierId, familyOf(data)),
  public: true,
  needs: {
    supplier: (data: { supplierId: string }) => data.supplierId,
    // Some survey commands name no family (RecordResponse: always the CMRT's).
    referenceList: (data: object) => familyOf(data as { family?: SurveyFamily }),
  },
  context: (facts: CommandFacts): SurveyContext => ({
    supplier: facts.supplier ?? { status: 'unknown' },
    now: facts.now,
    reference: facts.reference,
    ...(facts.period?.policy?.oldestAcceptedTemplateVersion
      ? { oldestAcceptedTemplateVersion: facts.period.policy.oldestAcceptedTemplateVersion }
      : {}),
  }),
};

/** The survey commands' rows of the command table (command-table.ts). */
export const surveyCommandRows = {
  SendCMRT: commandRow<SendCMRT, SurveyCommand, SurveyEvent, SurveyState, SurveyContext, { campaignId?: string }>({
    businessTime: {
      rule: 'past-allowed',
      why: 'records a request sent on that day (outside the engine, or before it was used); its due date is judged against that day',
    },
    closedPeriod: { rule: 'refused', why: 'a survey of the year (survey-<year>-<supplier>)' },
    example: { supplierId: 'acme', period: 2024, dueDate: '2025-03-31', templateVersion: '6.5' },
    ...onSurvey,
    schema: SendCMRT,
    summary: 'Send the CMRT survey (family emrt: the EMRT survey) to a supplier for a reporting period',
    // The campaign dispatcher says which campaign the request belongs to.
    command: (data, campaign) => ({ type: 'SendCMRT', data, ...(campaign?.campaignId ? { campaignId: campaign.campaignId } : {}) }),
  }),
  SendReminder: commandRow({
    businessTime: { rule: 'past-allowed', why: 'records a reminder sent on that day; whether it was overdue is judged on that day' },
    closedPeriod: { rule: 'refused', why: 'a survey of the year' },
    example: { supplierId: 'acme', period: 2024 },
    ...onSurvey,
    schema: SendReminder,
    summary: 'Remind a supplier whose CMRT request is open and unanswered',
    command: typed('SendReminder'),
  }),
  RecordResponse: commandRow<
    RecordResponse,
    SurveyCommand,
    SurveyEvent,
    SurveyState,
    SurveyContext,
    { source?: ResponseSource; readerFindings?: Finding[] }
  >({
    businessTime: {
      rule: 'past-allowed',
      why: 'records an answer received on that day (the same as its receivedAt, which may be given instead)',
    },
    closedPeriod: { rule: 'refused', why: 'a survey of the year, also as a CMRT upload' },
    example: {
      supplierId: 'acme',
      period: 2024,
      receivedAt: '2025-03-01T10:00:00+02:00',
      declaration: { company: { name: 'Acme' }, minerals: { tin: { q1: { answer: 'Yes' } } } },
    },
    ...onSurvey,
    schema: RecordResponse,
    summary: "Record a supplier's CMRT answers (as JSON); the Checker and review findings are recorded with it",
    needs: { ...onSurvey.needs, period: (data) => data.period },
    // The CMRT upload says which file the declaration was read from, and what the reader noticed.
    command: (data, upload) => ({ type: 'RecordResponse', data, source: upload?.source, readerFindings: upload?.readerFindings }),
    // The business time of a response is when the supplier's answer arrived, not when we keyed it.
    occurredAt: (data) => (data.receivedAt ? new Date(data.receivedAt).toISOString() : undefined),
  }),
  RecordEmrtResponse: commandRow<
    RecordEmrtResponse,
    SurveyCommand,
    SurveyEvent,
    SurveyState,
    SurveyContext,
    { source?: ResponseSource; readerFindings?: Finding[] }
  >({
    businessTime: {
      rule: 'past-allowed',
      why: 'records an answer received on that day (the same as its receivedAt, which may be given instead)',
    },
    closedPeriod: { rule: 'refused', why: 'a survey of the year, also as an EMRT upload' },
    example: {
      supplierId: 'acme',
      period: 2024,
      receivedAt: '2025-03-01T10:00:00+02:00',
      declaration: { company: { name: 'Acme' }, minerals: [{ mineral: 'cobalt', q1: { answer: 'Yes' }, q2: { answer: 'Yes' } }] },
    },
    ...onSurvey,
    // Always the supplier's EMRT survey.
    streamId: (data) => streams.survey(data.period, data.supplierId, 'emrt'),
    schema: RecordEmrtResponse,
    summary: "Record a supplier's EMRT answers (as JSON) on its EMRT survey; the EMRT Checker and review findings are recorded with it",
    needs: { ...onSurvey.needs, referenceList: () => 'emrt', period: (data) => data.period },
    command: (data, upload) => ({ type: 'RecordEmrtResponse', data, source: upload?.source, readerFindings: upload?.readerFindings }),
    occurredAt: (data) => (data.receivedAt ? new Date(data.receivedAt).toISOString() : undefined),
  }),
  AcceptResponse: commandRow({
    businessTime: { rule: 'past-allowed', why: 'review: when the response was accepted' },
    closedPeriod: { rule: 'refused', why: 'a survey of the year' },
    example: { supplierId: 'acme', period: 2024, note: 'complete' },
    ...onSurvey,
    schema: AcceptResponse,
    summary: "Accept a supplier's latest response as complete (no follow-up open)",
    command: typed('AcceptResponse'),
  }),
  RequestFollowUp: commandRow({
    businessTime: { rule: 'past-allowed', why: 'review: when the correction was asked for' },
    closedPeriod: { rule: 'refused', why: 'a survey of the year' },
    example: { supplierId: 'acme', period: 2024, kind: 'inconsistent', findings: ['Q3 tin says No but row 7 names a Congolese smelter'] },
    ...onSurvey,
    schema: RequestFollowUp,
    summary: 'Ask a supplier to correct an incomplete, inconsistent or inaccurate answer',
    command: typed('RequestFollowUp'),
  }),
  ResolveFollowUp: commandRow({
    businessTime: { rule: 'past-allowed', why: 'review: when the follow-up was resolved' },
    closedPeriod: { rule: 'refused', why: 'a survey of the year' },
    example: { supplierId: 'acme', period: 2024, followUpId: '2024-acme-1-incomplete', note: 'supplier sent the missing e-mail' },
    ...onSurvey,
    schema: ResolveFollowUp,
    summary: 'Close an open follow-up, saying how it was resolved',
    command: typed('ResolveFollowUp'),
  }),
  ChaseFollowUp: commandRow({
    businessTime: { rule: 'now', why: 'a chase is the message the outbox sends when it is recorded' },
    closedPeriod: { rule: 'refused', why: 'a survey of the year' },
    example: {
      supplierId: 'acme',
      period: 2024,
      followUpId: '2024-acme-1-incomplete',
      note: 'D15 and D16 are still blank: please send the corrected CMRT',
    },
    ...onSurvey,
    schema: ChaseFollowUp,
    summary: "Chase a supplier about an open follow-up: the request goes to it again, in the reviewer's words",
    command: typed('ChaseFollowUp'),
  }),
  ConfirmSmelterMatch: commandRow({
    businessTime: { rule: 'past-allowed', why: 'review: when the smelter was confirmed' },
    closedPeriod: { rule: 'refused', why: 'a survey of the year' },
    example: { supplierId: 'acme', period: 2024, row: 7, smelterId: 'CID002494' },
    ...onSurvey,
    schema: ConfirmSmelterMatch,
    summary: 'Confirm which RMI smelter (CID) a Smelter List row means',
    command: typed('ConfirmSmelterMatch'),
  }),
  RevokeSupplierLink: commandRow({
    businessTime: { rule: 'now', why: 'the answer page refuses the link from the moment the revocation is recorded' },
    closedPeriod: { rule: 'refused', why: 'a survey of the year; a closed year takes no answers through its links either' },
    example: { supplierId: 'acme', period: 2024, reason: 'the contact left the company' },
    ...onSurvey,
    schema: RevokeSupplierLink,
    summary: "Withdraw the supplier's answer link of a request (default the current one): the page then answers 410",
    command: typed('RevokeSupplierLink'),
  }),
  /** Issued by the reminder scheduler: an unanswered request past due after its last reminder. */
  EscalateNonResponse: commandRow({
    businessTime: {
      rule: 'now',
      why: "engine-issued: it happens when its cause happened (or on the engine's clock), never at a time a sender states",
    },
    closedPeriod: { rule: 'refused', why: 'engine-issued: the reminder scheduler skips requests of closed years' },
    ...onSurvey,
    schema: EscalateNonResponse,
    summary: 'Escalate an unanswered CMRT request past its due date after its last reminder',
    public: false,
    command: typed('EscalateNonResponse'),
  }),
};
