import { engineConfigFromEnv, isLoopback, parseApiKeys } from './engine-config';

describe('engine configuration from the environment', () => {
  const keys = 'compliance-key-1=alice:compliance,auditor-key-1=audit-firm:auditor';

  describe('DD_HOST', () => {
    it('listens on 127.0.0.1 by default, also when API keys are set', () => {
      expect(engineConfigFromEnv({}).host).toBe('127.0.0.1');
      expect(engineConfigFromEnv({ DD_API_KEYS: keys }).host).toBe('127.0.0.1');
    });

    it('takes another interface only when the operator names it, and then needs API keys', () => {
      expect(engineConfigFromEnv({ DD_HOST: '0.0.0.0', DD_API_KEYS: keys }).host).toBe('0.0.0.0');
      expect(engineConfigFromEnv({ DD_HOST: '::1' }).host).toBe('::1');
      expect(() => engineConfigFromEnv({ DD_HOST: '0.0.0.0' })).toThrow(
        /DD_HOST=0\.0\.0\.0 opens the API to other machines, which needs DD_API_KEYS/,
      );
    });

    it('refuses a value that is neither an IP address nor a host name, naming the variable', () => {
      expect(() => engineConfigFromEnv({ DD_HOST: 'http://0.0.0.0:3000' })).toThrow(/DD_HOST: expected an IP address or host name/);
      expect(() => engineConfigFromEnv({ DD_HOST: '' })).toThrow(/DD_HOST/);
    });

    it('tells loopback interfaces from the others', () => {
      expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].map(isLoopback)).toEqual([true, true, true, true]);
      expect(['0.0.0.0', '::', '192.168.1.10', 'ws-1.example.com'].map(isLoopback)).toEqual([false, false, false, false]);
    });
  });

  describe('DD_READ_ONLY', () => {
    it('is off unless set to 1, true or yes', () => {
      expect(engineConfigFromEnv({}).readOnly).toBe(false);
      expect(['1', 'true', 'YES'].map((DD_READ_ONLY) => engineConfigFromEnv({ DD_READ_ONLY }).readOnly)).toEqual([true, true, true]);
      expect(['0', 'false', 'no', ''].map((DD_READ_ONLY) => engineConfigFromEnv({ DD_READ_ONLY }).readOnly)).toEqual([
        false,
        false,
        false,
        false,
      ]);
    });

    it('refuses anything else, and the memory store (nothing to share)', () => {
      expect(() => engineConfigFromEnv({ DD_READ_ONLY: 'replica' })).toThrow(/DD_READ_ONLY: expected 1 or 0/);
      expect(() => engineConfigFromEnv({ DD_READ_ONLY: '1', DD_EVENT_STORE: 'memory' })).toThrow(/memory store has nothing to share/);
    });
  });

  describe('DD_READ_MODEL_HISTORY', () => {
    it('is on unless set to off (or 0, false, no)', () => {
      expect(engineConfigFromEnv({}).readModelHistory).toBe(true);
      expect(['on', '1', 'TRUE', 'yes'].map((value) => engineConfigFromEnv({ DD_READ_MODEL_HISTORY: value }).readModelHistory)).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(
        ['off', ' OFF ', '0', 'false', 'no'].map((value) => engineConfigFromEnv({ DD_READ_MODEL_HISTORY: value }).readModelHistory),
      ).toEqual([false, false, false, false, false]);
    });

    it('refuses anything else, naming the setting', () => {
      expect(() => engineConfigFromEnv({ DD_READ_MODEL_HISTORY: 'sometimes' })).toThrow(/DD_READ_MODEL_HISTORY: expected on or off/);
    });
  });

  describe('DD_API_KEYS', () => {
    it('maps each key to its principal and role', () => {
      expect([...parseApiKeys(keys)]).toEqual([
        ['compliance-key-1', { name: 'alice', role: 'compliance' }],
        ['auditor-key-1', { name: 'audit-firm', role: 'auditor' }],
      ]);
    });

    it('keeps base64 padding in the key: the key ends at the last "="', () => {
      expect([...parseApiKeys('c2VjcmV0LWtleQ===alice:admin')]).toEqual([['c2VjcmV0LWtleQ==', { name: 'alice', role: 'admin' }]]);
    });

    /** What a refused DD_API_KEYS says, with the secret that must not be in it. */
    const refusal = (spec: string) => {
      try {
        parseApiKeys(spec);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`accepted: ${spec}`);
    };

    it('names a malformed entry by its position and principal, never printing its key', () => {
      const noEquals = refusal('compliance-key-1=alice:compliance,s3cret-without-equals');
      expect(noEquals).toBe('DD_API_KEYS: entry 2 of 2 is not key=principal:role (it has no "="; not shown, it may be a key)');
      expect(noEquals).not.toContain('s3cret');

      const noRole = refusal('s3cret-key-bob=bob,compliance-key-1=alice:compliance');
      expect(noRole).toBe(
        'DD_API_KEYS: entry 1 of 2 (principal "bob") has no role; expected key=principal:role with a role of compliance, auditor, admin',
      );
      expect(refusal('s3cret-key-bob=bob:')).toMatch(/entry 1 of 1 \(principal "bob"\) has no role/);
      expect(refusal('s3cret-key-bob=:admin')).toBe('DD_API_KEYS: entry 1 of 1 names no principal; expected key=principal:role');
      expect(refusal('s3cret-key-bob=bob:owner')).toBe(
        'DD_API_KEYS: entry 1 of 1 (principal "bob"): role "owner" is not one of compliance, auditor, admin',
      );
      expect(refusal('s3cret=bob:admin')).toBe('DD_API_KEYS: entry 1 of 1 (principal "bob"): the key is shorter than 8 characters');
      expect(refusal('s3cret-key-1=bob:admin,s3cret-key-1=eve:auditor')).toBe(
        'DD_API_KEYS: entry 2 of 2 (principal "eve") has the same key as entry 1 of 2 (principal "bob")',
      );
      for (const message of [noRole, refusal('s3cret-key-bob=bob:owner'), refusal('s3cret-key-1=bob:admin,s3cret-key-1=eve:auditor')]) {
        expect(message).not.toContain('s3cret');
      }
    });

    it('says so at start-up, through the configuration', () => {
      expect(() => engineConfigFromEnv({ DD_API_KEYS: 'alice-s3cret-key' })).toThrow('DD_API_KEYS: entry 1 of 1 is not key=principal:role');
    });
  });
});
