/** Test support for @dd/reports (excluded from the build). */
export {};
