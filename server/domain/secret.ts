import { randomBytes } from 'node:crypto';
import type { SettingStore } from '../store/store.js';

/** The configured secret, else one generated on first start and kept in the database so hashes stay stable. */
export function resolveSecret(
  store: SettingStore,
  configured: string | undefined,
): Promise<string> {
  if (configured) return Promise.resolve(configured);
  return store.getOrCreateSetting({
    key: 'secret',
    init: () => randomBytes(32).toString('base64url'),
  });
}
