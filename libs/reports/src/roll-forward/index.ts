export * from './risk-roll-forward';
export * from './roll-forward-figures';
export * from './roll-forward.text';
export * from './roll-forward.html';
export * from './roll-forward.csv';
