import "next-auth";
import "next-auth/jwt";
import type { Role } from "@/server/auth/permissions";

declare module "next-auth" {
  interface User {
    accountId: string;
    role: Role;
    brand: string;
    /** The server-side session (user_sessions row) the token names. */
    sessionId: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    accountId?: string;
    role?: Role;
    brand?: string;
    sid?: string;
  }
}
