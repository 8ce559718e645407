/** The text of an API key: `vrk_`, its prefix and its secret (server/crypto/prefixed-secret.ts). */
import { type NewPrefixedSecret, prefixedSecretKind } from "../crypto/prefixed-secret";

const API_KEY = prefixedSecretKind("vrk");

export type NewApiKeySecret = NewPrefixedSecret;

export const generateApiKey = (): NewApiKeySecret => API_KEY.generate();

export const hashApiKey = (key: string): Buffer => API_KEY.hash(key);

/** Whether a bearer credential has the shape of an API key (and so is never read as a JWT). */
export const looksLikeApiKey = (credential: string): boolean => API_KEY.looksLike(credential);
