/**
 * The app's secret store: secret-store.ts with Electron's safeStorage as the cipher, in
 * <userData>/secrets.json. safeStorage encrypts with a key held by the OS (Keychain on macOS,
 * DPAPI on Windows, libsecret / kwallet on Linux).
 */
import { app, safeStorage } from 'electron';
import path from 'node:path';
import { createSecretStore, type Cipher, type SecretStore } from './secret-store';

const safeStorageCipher: Cipher = {
  isAvailable() {
    if (!safeStorage.isEncryptionAvailable()) return false;
    // On Linux without a keyring, Chromium falls back to 'basic_text': a key hard-coded in
    // Chromium, i.e. plain text with extra steps. Refuse it rather than pretend.
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
    return true;
  },
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (encrypted) => safeStorage.decryptString(encrypted),
};

let store: SecretStore | undefined;

/** Call after app 'ready' (safeStorage is not usable before it on Linux). */
export function appSecretStore(): SecretStore {
  store ??= createSecretStore(path.join(app.getPath('userData'), 'secrets.json'), safeStorageCipher);
  return store;
}
