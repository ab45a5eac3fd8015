/**
 * What the server answers an attacker: security headers on every answer, 400 for a malformed
 * URI, and 429 once a client has sent too many wrong tokens (issue 10). On the real app and Neo4j.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import { closeDb, type Db } from '../../graph-store/db.js';
import { FAILED_AUTH_PER_MINUTE } from '../../server/http/security.js';
import { openTestDb } from '../helpers/test-db.js';
import { TestServer } from '../helpers/test-server.js';

logger.level = 'error';

const db: Db = await openTestDb();
const server = new TestServer();

beforeAll(async () => {
  await server.start({ db, config: loadConfig({ ...process.env, API_TOKEN: 'the-right-token' }), webDir: '/nonexistent' });
});

afterAll(async () => {
  server.stop();
  await closeDb(db);
});

describe('security', () => {
  it('sends security headers with every answer', async () => {
    for (const path of ['/health', '/api/documents', '/openapi.json', '/no-such-page']) {
      const r = await fetch(`${server.base}${path}`);
      expect(r.headers.get('content-security-policy'), path).toMatch(/default-src 'self'/);
      expect(r.headers.get('content-security-policy'), path).not.toMatch(/upgrade-insecure-requests/);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(r.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('answers 400, not 500, for a malformed percent-encoding', async () => {
    for (const path of ['/api/documents/%E0%A4%A', '/%E0%A4%A', '/api/%C0']) {
      const r = await fetch(`${server.base}${path}`);
      expect(r.status, path).toBeLessThan(500);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
    }
  });

  it(`makes a client wait (429) after ${FAILED_AUTH_PER_MINUTE} wrong tokens in a minute`, async () => {
    const tryToken = (token: string) =>
      fetch(`${server.base}/api/documents?fileName=x.txt`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
        body: 'KẾ HOẠCH',
      });
    const statuses: number[] = [];
    for (let k = 0; k < FAILED_AUTH_PER_MINUTE + 3; k++) statuses.push((await tryToken(`wrong-${k}`)).status);
    expect(statuses.slice(0, FAILED_AUTH_PER_MINUTE).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(FAILED_AUTH_PER_MINUTE)).toEqual([429, 429, 429]);
    const refused = await tryToken('the-right-token');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-policy') ?? refused.headers.get('ratelimit')).toBeTruthy();
  });
});
