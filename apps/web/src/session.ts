import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Role = 'compliance' | 'auditor' | 'admin';

export interface Principal {
  name: string;
  role: Role;
  /** False without API keys (the local admin): there is no session to end. */
  signedIn?: boolean;
}

export interface ConsoleContext {
  principal: Principal;
  /** The server's "today" is the period's; this is the browser's, only for defaults. */
  signOut: () => void;
}

export const Session = createContext<ConsoleContext>({ principal: { name: 'local', role: 'admin' }, signOut: () => undefined });

/**
 * Whether write controls are shown: not to an auditor (the API refuses their writes anyway), and not
 * while the page shows the past (an as-of view is read-only by nature).
 */
export function useCanWrite(asOf?: string | null): boolean {
  const { principal } = useContext(Session);
  return principal.role !== 'auditor' && !asOf;
}
