import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { singleton } from "./singleton.server";

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): about 35 ms here,
 * slow enough for an offline attacker, fast enough for a login.
 */
// 2 is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const ARGON2 = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN_LENGTH = 12;

export function hashPassword(password: string) {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps both paths equally slow, so
// response timing does not reveal which emails have accounts.
const dummyHash = singleton("password-dummy-hash", () => hash("no-such-account-placeholder", ARGON2));
export async function burnPasswordCheck(password: string) {
  await verifyPassword(await dummyHash, password);
}

const checker = singleton("password-checker", () => ({
  zxcvbn: new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  common: new Set(common.dictionary["passwords-common"].map((entry) => entry.toLowerCase())),
}));

/**
 * Server-side password rules beyond length (the length rule lives in the zod schema the form
 * shares): not on the common-password list, and not a trivial variation of one (zxcvbn score
 * below 3 means guessable within about 10^8 attempts).
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  if (checker.common.has(password.toLowerCase())) return "This password is on a list of commonly used passwords.";
  const result = checker.zxcvbn.check(password, userInputs);
  if (result.score < 3) {
    return "This password is too easy to guess (it is close to a common password, a word or a pattern). Add more unrelated words.";
  }
  return null;
}
