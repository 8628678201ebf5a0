import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { declarationConfigFromEnv } from './declaration-config';

/** DD_COMPANY_FILE, DD_CMRT_TEMPLATE and DD_EMRT_TEMPLATE: a wrong profile stops the start with the file and each field named. */
describe('declaration configuration', () => {
  let dir: string;
  const profile = {
    name: 'Acme Components GmbH',
    contact: { name: 'Maria Keller', email: 'maria@acme.example', phone: '+49 711 0' },
    authorizer: { name: 'Jonas Weber', email: 'jonas@acme.example' },
    annualDisclosure: 'No',
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dd-declaration-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given neither variable, then nothing is configured', () => {
    expect(declarationConfigFromEnv({})).toEqual({});
  });

  it('given a valid profile and a template path, then both are resolved and the profile read with its defaults', () => {
    const companyFile = file('company.json', JSON.stringify(profile));
    expect(declarationConfigFromEnv({ DD_COMPANY_FILE: companyFile, DD_CMRT_TEMPLATE: 'blank.xlsx' })).toEqual({
      companyFile,
      company: { ...profile, scope: 'company' },
      cmrtTemplate: join(process.cwd(), 'blank.xlsx'),
    });
  });

  it('given DD_EMRT_TEMPLATE, then the blank EMRT is resolved beside the CMRT; an empty one is refused naming it', () => {
    expect(declarationConfigFromEnv({ DD_CMRT_TEMPLATE: 'cmrt.xlsx', DD_EMRT_TEMPLATE: 'emrt.xlsx' })).toEqual({
      cmrtTemplate: join(process.cwd(), 'cmrt.xlsx'),
      emrtTemplate: join(process.cwd(), 'emrt.xlsx'),
    });
    expect(() => declarationConfigFromEnv({ DD_EMRT_TEMPLATE: ' ' })).toThrow(
      'invalid configuration: DD_EMRT_TEMPLATE: expected the path of the blank RMI EMRT (.xlsx)',
    );
  });

  it('given a profile with wrong fields, then the start is refused naming the file and each field', () => {
    const companyFile = file(
      'company.json',
      JSON.stringify({ ...profile, contact: { ...profile.contact, email: 'maria' }, annualDisclosure: undefined }),
    );
    expect(() => declarationConfigFromEnv({ DD_COMPANY_FILE: companyFile })).toThrow(
      `invalid configuration: DD_COMPANY_FILE ${companyFile}: contact.email: expected an e-mail address, e.g. compliance@example.com; annualDisclosure:`,
    );
  });

  it('given a file that is not JSON, or none, then the start is refused saying so', () => {
    const companyFile = file('company.json', '{ name: ');
    expect(() => declarationConfigFromEnv({ DD_COMPANY_FILE: companyFile })).toThrow(`DD_COMPANY_FILE ${companyFile} is not JSON`);
    expect(() => declarationConfigFromEnv({ DD_COMPANY_FILE: join(dir, 'missing.json') })).toThrow('cannot be read (ENOENT)');
  });
});
