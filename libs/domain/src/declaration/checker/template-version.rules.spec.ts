import { completeDeclaration, fixtureContext } from './declaration.fixture';
import { evaluateDeclaration } from './evaluate-declaration';

describe("the period policy's oldest accepted CMRT revision", () => {
  const withVersion = (templateVersion: string | undefined) => ({ ...completeDeclaration(), templateVersion });
  const ruleIds = (templateVersion: string | undefined, oldest?: string) =>
    evaluateDeclaration(withVersion(templateVersion), fixtureContext({ oldestAcceptedTemplateVersion: oldest })).map((f) => f.ruleId);

  it('given an answer on an older revision, then an inaccurate error at Declaration!J3 that asks for a current template', () => {
    const [found] = evaluateDeclaration(withVersion('6.01'), fixtureContext({ oldestAcceptedTemplateVersion: '6.1' }));
    expect(found).toEqual({
      ruleId: 'review.template-version-too-old',
      severity: 'error',
      kind: 'inaccurate',
      field: 'templateVersion',
      cell: 'Declaration!J3',
      message: expect.stringContaining('revision 6.1 or later'),
    });
  });

  it('orders revisions as RMI numbers them, and judges nothing without a policy or a known revision', () => {
    expect(ruleIds('5.12', '6.01')).toContain('review.template-version-too-old');
    expect(ruleIds('6.22', '6.3')).toContain('review.template-version-too-old');
    expect(ruleIds('6.31', '6.3')).not.toContain('review.template-version-too-old');
    expect(ruleIds('6.5', '6.5')).not.toContain('review.template-version-too-old');
    expect(ruleIds('6.01')).not.toContain('review.template-version-too-old');
    expect(ruleIds(undefined, '6.1')).not.toContain('review.template-version-too-old');
  });
});
