/** One line of the report's `targets`: what was promised, what this run measured, and whether it holds. */
export interface TargetCheck {
  name: string;
  /** The bound as text, e.g. ">= 100000". */
  target: string;
  measured: number;
  met: boolean;
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
