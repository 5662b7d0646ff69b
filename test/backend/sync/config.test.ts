import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../../backend/config.js';

describe('calendar sync configuration', () => {
  it('has defaults that meet the 2-second change target and a week-long channel', () => {
    expect(loadConfig({}).sync).toEqual({
      channelTtlMs: 168 * 3_600_000,
      renewalMarginMs: 24 * 3_600_000,
      reconcileIntervalMinutes: 15,
      concurrency: 100,
      debounceMs: 300,
    });
  });

  it('reads the webhook address and the tuning variables', () => {
    const sync = loadConfig({
      GOOGLE_WEBHOOK_URL: 'https://together.example.com/webhooks/google-calendar',
      SYNC_CHANNEL_TTL_HOURS: '24',
      SYNC_CHANNEL_RENEWAL_MARGIN_HOURS: '2',
      SYNC_RECONCILE_INTERVAL_MINUTES: '5',
      SYNC_CONCURRENCY: '8',
      SYNC_DEBOUNCE_MS: '0',
    }).sync;
    expect(sync).toEqual({
      webhookUrl: 'https://together.example.com/webhooks/google-calendar',
      channelTtlMs: 86_400_000,
      renewalMarginMs: 7_200_000,
      reconcileIntervalMinutes: 5,
      concurrency: 8,
      debounceMs: 0,
    });
  });

  it('refuses bad values, listing each', () => {
    const attempt = () => loadConfig({ GOOGLE_WEBHOOK_URL: 'not a url', SYNC_RECONCILE_INTERVAL_MINUTES: '90', SYNC_CONCURRENCY: '0' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/GOOGLE_WEBHOOK_URL/);
      expect(problems).toMatch(/SYNC_RECONCILE_INTERVAL_MINUTES/);
      expect(problems).toMatch(/SYNC_CONCURRENCY/);
    }
  });
});
