import { z } from 'zod';

/** The languages the engine's messages are written in (templates exist for each). */
export const MESSAGE_LANGUAGES = ['en', 'zh', 'ja', 'de', 'es'] as const;
export const MessageLanguage = z.enum(MESSAGE_LANGUAGES);
export type MessageLanguage = z.infer<typeof MessageLanguage>;
export const DEFAULT_MESSAGE_LANGUAGE: MessageLanguage = 'en';
