/** One line of the report's `targets`: what was promised, what this run measured, and whether it holds. */
export interface TargetCheck {
  name: string;
  /** The bound as text, e.g. ">= 100000". */
  target: string;
  /** Null when the figure could not be measured in this run (see notMeasured). */
  measured: number | null;
  met: boolean;
  /** Why the figure was not measured (e.g. the input files are absent); the target is then not met. */
  notMeasured?: string;
}

export function atLeast(name: string, bound: number, measured: number): TargetCheck {
  return { name, target: `>= ${bound}`, measured, met: measured >= bound };
}

export function atMost(name: string, bound: number, measured: number): TargetCheck {
  return { name, target: `<= ${bound}`, measured, met: measured <= bound };
}

export function exactly(name: string, expected: number, measured: number): TargetCheck {
  return { name, target: `== ${expected}`, measured, met: measured === expected };
}

/** A target this run could not check, with the reason. */
export function notMeasured(check: TargetCheck, reason: string): TargetCheck {
  return { name: check.name, target: check.target, measured: null, met: false, notMeasured: reason };
}
