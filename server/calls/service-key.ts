/**
 * The voice platform's service keys: `vrs_`, the prefix and the secret
 * (server/crypto/prefixed-secret.ts). The platform makes and revokes them (`npm run
 * db:service-key`), and only they may send call records.
 */
import { type NewPrefixedSecret, prefixedSecretKind } from "../crypto/prefixed-secret";

const SERVICE_KEY = prefixedSecretKind("vrs");

export const generateServiceKey = (): NewPrefixedSecret => SERVICE_KEY.generate();

export const hashServiceKey = (key: string): Buffer => SERVICE_KEY.hash(key);

/** Whether a bearer credential has a service key's shape (anything else is refused unread). */
export const looksLikeServiceKey = (credential: string): boolean => SERVICE_KEY.looksLike(credential);
