import { accountRouter } from "./routers/account";
import { accountsRouter } from "./routers/accounts";
import { auditRouter } from "./routers/audit";
import { brandingRouter } from "./routers/branding";
import { domainsRouter } from "./routers/domains";
import { openAsRouter } from "./routers/open-as";
import { invitationRouter, passwordResetRouter, profileRouter } from "./routers/people";
import { plansRouter } from "./routers/plans";
import { usersRouter } from "./routers/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  accounts: accountsRouter,
  audit: auditRouter,
  branding: brandingRouter,
  domains: domainsRouter,
  openAs: openAsRouter,
  plans: plansRouter,
  users: usersRouter,
  invitation: invitationRouter,
  passwordReset: passwordResetRouter,
  profile: profileRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
