import { userInfo } from 'node:os';

/** Who the audit trail records for commands run from the CLI: the operating-system user. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
