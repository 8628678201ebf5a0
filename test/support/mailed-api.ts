import type { SettableClock } from '@dd/engine';
import { RunningApi } from './running-api';
import { mailThrough, TestSmtpServer } from './test-smtp-server';

/**
 * For a describe block: a real SMTP server in the test process and the API mailing through it on the
 * spec's clock (the reminder scheduler driven by hand, the outbox sending every 100 ms), started before
 * the block's tests and stopped, data removed, after them.
 */
export class MailedApi {
  private running?: { api: RunningApi; smtp: TestSmtpServer };

  static during(clock: SettableClock): MailedApi {
    const mailed = new MailedApi();
    beforeAll(async () => {
      const smtp = await TestSmtpServer.start();
      const api = await RunningApi.start({
        engine: { clock, reminderIntervalMs: 0, outbox: { intervalMs: 100 } },
        mail: mailThrough(smtp),
      });
      mailed.running = { api, smtp };
    });
    afterAll(async () => {
      if (!mailed.running) return;
      await mailed.running.api.stop();
      await mailed.running.smtp.stop();
      mailed.running.api.removeData();
    });
    return mailed;
  }

  get api(): RunningApi {
    return this.started().api;
  }

  get smtp(): TestSmtpServer {
    return this.started().smtp;
  }

  private started(): { api: RunningApi; smtp: TestSmtpServer } {
    if (!this.running) throw new Error('MailedApi: used outside the tests of its describe block');
    return this.running;
  }
}
