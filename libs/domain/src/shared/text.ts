import { z } from 'zod';

/**
 * What people type into commands (names, notes, reasons, plans) ends up in the log for good and is
 * shown again in read models, the CLI's tables and exported reports. Characters that are invisible
 * there but change what a reader sees are refused at the door, with the field's path:
 *
 * - C0 controls (U+0000-U+001F) except, in multi-line text, line feed and tab; DEL (U+007F); C1
 *   controls (U+0080-U+009F). A NUL truncates text in C tools, an ESC drives a terminal.
 * - Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): "Trojan Source"
 *   text that reads differently from what it stores (a supplier name reversed by U+202E).
 * - In one-line text also the direction marks (U+200E, U+200F, U+061C) and the line and paragraph
 *   separators (U+2028, U+2029): a name has no business with either.
 *
 * A Windows line end (CR LF) in multi-line text is taken as a line feed; a lone CR is refused.
 */
const C0_C1_DEL = '\\u0000-\\u001f\\u007f-\\u009f';
const BIDI_CONTROLS = '\\u202a-\\u202e\\u2066-\\u2069';
const BIDI_MARKS_AND_SEPARATORS = '\\u200e\\u200f\\u061c\\u2028\\u2029';

const SINGLE_LINE_FORBIDDEN = new RegExp(`[${C0_C1_DEL}${BIDI_CONTROLS}${BIDI_MARKS_AND_SEPARATORS}]`, 'u');
const MULTI_LINE_FORBIDDEN = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI_CONTROLS}]`, 'u');

function describeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return `a control character (${hex})`;
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return `a bidirectional override or isolate (${hex})`;
  if (code === 0x2028 || code === 0x2029) return `a line or paragraph separator (${hex})`;
  return `a bidirectional mark (${hex})`;
}

/** The first forbidden character of `text` and where it is, or null when there is none. */
export function forbiddenCharacter(text: string, options: { multiLine: boolean }): { char: string; index: number } | null {
  const match = (options.multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).exec(text);
  return match ? { char: match[0], index: match.index } : null;
}

/** The message a refused text gets (the path is the schema's to add). */
export function forbiddenCharacterMessage(text: string, options: { multiLine: boolean }): string | null {
  const found = forbiddenCharacter(text, options);
  if (!found) return null;
  return `contains ${describeCharacter(found.char)} at position ${found.index + 1}; ${
    options.multiLine
      ? 'only line feeds and tabs are allowed among control characters'
      : 'a one-line text allows no control or direction characters'
  }`;
}

function refuseForbidden(multiLine: boolean) {
  return (ctx: z.core.ParsePayload<string>) => {
    const message = forbiddenCharacterMessage(ctx.value, { multiLine });
    if (message) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  };
}

/**
 * A name or other one-line text (supplier, contact, owner, product line, file name...): trimmed,
 * without control or direction characters. Add `.min(1)`, `.max(n)` where it is used.
 */
export const SingleLineText = z.string().trim().check(refuseForbidden(false));

/**
 * Free text that may run over several lines (notes, reasons, rationale, plans, descriptions):
 * trimmed, CR LF read as LF, without control characters other than line feed and tab, and without
 * bidirectional overrides or isolates.
 */
export const MultiLineText = z
  .string()
  .overwrite((text) => (text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text))
  .trim()
  .check(refuseForbidden(true));

/** A URL someone gives us (policy, grievance line, published report): http(s), and nothing hidden in it. */
export const WebUrl = z.url({ protocol: /^https?$/ }).check(refuseForbidden(false));

/**
 * Text from a supplier's file (CMRT cells), which is not ours to refuse: forbidden characters are
 * replaced by U+FFFD so they cannot act on a reader, and the caller records where that happened.
 */
export function sanitiseText(text: string, options: { multiLine: boolean }): string {
  // Excel keeps a cell's line breaks as CR LF (`_x000D_` before the LF): line ends, not controls.
  if (options.multiLine && text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (!forbiddenCharacter(text, options)) return text;
  const forbidden = new RegExp((options.multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).source, 'gu');
  return text.replace(forbidden, '\ufffd');
}
