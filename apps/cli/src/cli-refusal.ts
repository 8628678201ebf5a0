/** A command the CLI will not run now; said on stderr with exit code 1 (the operator can fix it), not as a crash. */
export class CliRefusal extends Error {}
