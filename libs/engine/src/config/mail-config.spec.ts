import { mailConfigFromEnv } from './mail-config';

describe('mail configuration', () => {
  it('defaults to the pickup folder, a generated link key and 30 days of grace', () => {
    expect(mailConfigFromEnv({})).toEqual({
      from: 'Due diligence <due-diligence@localhost>',
      companyName: 'Our company',
      linkGraceDays: 30,
      maxAttempts: 8,
    });
  });

  it('takes SMTP with TLS and authentication from DD_SMTP_URL, and the sender from DD_MAIL_FROM', () => {
    const config = mailConfigFromEnv({
      DD_SMTP_URL: 'smtps://cm%40acme.example:s3cret@mail.acme.example:465',
      DD_MAIL_FROM: 'Acme Compliance <cm@acme.example>',
      DD_PUBLIC_URL: 'https://dd.acme.example/',
    });
    expect(config).toMatchObject({
      smtpUrl: 'smtps://cm%40acme.example:s3cret@mail.acme.example:465',
      from: 'Acme Compliance <cm@acme.example>',
      publicUrl: 'https://dd.acme.example',
    });
  });

  it('refuses bad settings naming the setting, and never echoes a secret', () => {
    const refused = (env: NodeJS.ProcessEnv) => {
      try {
        mailConfigFromEnv(env);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    const smtp = refused({ DD_SMTP_URL: 'http://user:s3cret@mail.example' });
    expect(smtp).toMatch(/DD_SMTP_URL: expected smtp:\/\//);
    expect(smtp).not.toContain('s3cret');
    expect(refused({ DD_LINK_KEY: 'short-s3cret' })).toMatch(/DD_LINK_KEY: expected at least 32 characters/);
    expect(refused({ DD_LINK_KEY: 'short-s3cret' })).not.toContain('short-s3cret');
    expect(refused({ DD_MAIL_FROM: 'not an address' })).toMatch(/DD_MAIL_FROM/);
    expect(refused({ DD_BLANK_CMRT_PATH: '/no/such/file.xlsx' })).toMatch(/DD_BLANK_CMRT_PATH: expected an existing file/);
    expect(refused({ DD_MAIL_TEMPLATES_DIR: '/no/such/folder' })).toMatch(/DD_MAIL_TEMPLATES_DIR/);
  });
});
