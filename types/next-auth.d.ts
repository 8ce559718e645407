import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    accountId: string;
    role: "owner" | "admin" | "member";
    brand: string;
    /** The server-side session (user_sessions row) the token names. */
    sessionId: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    accountId?: string;
    role?: "owner" | "admin" | "member";
    brand?: string;
    sid?: string;
  }
}
