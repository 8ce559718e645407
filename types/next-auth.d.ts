import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    accountId: string;
    role: "owner" | "admin" | "member";
    brand: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    accountId?: string;
    role?: "owner" | "admin" | "member";
    brand?: string;
  }
}
