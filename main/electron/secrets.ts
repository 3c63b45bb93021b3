/**
 * The app's secret store: secret-store.ts with Electron's safeStorage as the cipher, in
 * <userData>/secrets.json. safeStorage encrypts with a key held by the OS (Keychain on macOS,
 * DPAPI on Windows, libsecret / kwallet on Linux).
 */
import { app, safeStorage } from 'electron';
import path from 'node:path';
import type { SecretBackend } from '../services/connections';
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

/**
 * The connections' secret backend. basic_text (Linux without a keyring) is offered as what it
 * is, obfuscation only: the connections service stores nothing there until the user agrees.
 */
export function appConnectionSecrets(): SecretBackend {
  const file = path.join(app.getPath('userData'), 'secrets.json');
  const noWarning = async (): Promise<null> => null;
  if (!safeStorage.isEncryptionAvailable()) {
    return { kind: 'unavailable', description: 'no OS keychain is available to Electron here: secrets cannot be stored', store: appSecretStore(), warning: noWarning };
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    const basicText: Cipher = { isAvailable: () => true, encrypt: safeStorageCipher.encrypt, decrypt: safeStorageCipher.decrypt };
    return {
      kind: 'basic_text',
      description: `no keyring (GNOME Keyring, KWallet) was found, so Electron would only obfuscate secrets with a key built into it (basic_text): anyone who can read ${file} can recover them`,
      store: createSecretStore(file, basicText),
      warning: noWarning,
    };
  }
  const where = process.platform === 'darwin' ? 'the macOS Keychain' : process.platform === 'win32' ? 'Windows DPAPI' : `the ${safeStorage.getSelectedStorageBackend()} keyring`;
  return { kind: 'safe_storage', description: `encrypted with a key kept by ${where} (Electron safeStorage); ${file} holds only ciphertext`, store: appSecretStore(), warning: noWarning };
}
