/** Said by the whole program and by the one-command program of `audit replay` alike (replay-program.ts). */
export const PROGRAM_DESCRIPTION = 'Conflict-minerals due-diligence engine: operator and auditor commands';
export const AUDIT_DESCRIPTION = 'for auditors: the trail, point-in-time replays, hash-chain verification, seals';
