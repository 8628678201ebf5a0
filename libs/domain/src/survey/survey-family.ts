import { z } from 'zod';

/**
 * The RMI template a survey asks for: the CMRT (tin, tantalum, tungsten, gold) or the EMRT (cobalt,
 * copper, graphite, lithium, mica, nickel). One supplier may be asked for both in the same year: each
 * family is its own survey (its own stream, requests, responses and follow-ups) in the same log.
 * Events and commands written before the EMRT was surveyed carry no family: they are the CMRT's.
 */
export const SURVEY_FAMILIES = ['cmrt', 'emrt'] as const;
export const SurveyFamily = z.enum(SURVEY_FAMILIES);
export type SurveyFamily = z.infer<typeof SurveyFamily>;

/** How the family is named to people ("no EMRT was sent to acme"). */
export const SURVEY_FAMILY_LABELS: Record<SurveyFamily, string> = { cmrt: 'CMRT', emrt: 'EMRT' };

/** An event's or command's family: absent means the CMRT (everything recorded before the EMRT). */
export function familyOf(data: { family?: SurveyFamily }): SurveyFamily {
  return data.family ?? 'cmrt';
}

/** The field to write on an event or command: the CMRT's stay as they always were (no field). */
export function familyField(family: SurveyFamily): { family?: 'emrt' } {
  return family === 'emrt' ? { family } : {};
}
