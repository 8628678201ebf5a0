/**
 * How a process manager is doing:
 * - log-driven ones (fed from the log, with a checkpoint): running; retrying (a batch failed and is
 *   tried again with back-off); stopped (it kept failing; willRetry says whether it is still tried
 *   now and then because the cause was transient);
 * - clock-driven ones (reminders, overdue mitigation): running (on a timer; the last pass went
 *   through), retrying (the last pass failed; the next one comes at the next interval), off (no
 *   timer in this process: a CLI command, a read-only replica, or an interval of 0);
 * - log-driven ones after a start behind the log: catching-up (fed by the one shared reader,
 *   ProcessManagerCatchUp, until it reaches the head; reads do not wait for it meanwhile).
 */
export interface ProcessManagerStatus {
  name: string;
  driver: 'log' | 'clock';
  state: 'running' | 'retrying' | 'stopped' | 'off' | 'catching-up';
  /** Log-driven: the global position of the last event handled for good. */
  position?: number;
  /** Clock-driven: when the last pass ended. */
  lastRunAt?: string;
  error?: string;
  failingSince?: string;
  attempts?: number;
  willRetry?: boolean;
}
