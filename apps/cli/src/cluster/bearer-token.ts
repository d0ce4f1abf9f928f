// The one check of CLUSTER_TOKEN on the generation server. Both sides are hashed first, so the
// constant-time compare sees equal lengths and the token's length leaks nothing either.
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (text: string) => createHash("sha256").update(text).digest();

export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(presented), digest(token)) && presented !== "";
}

export const bearerHeader = (token: string) => ({ authorization: `Bearer ${token}` });
