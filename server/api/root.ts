import { accountRouter } from "./routers/account";
import { accountsRouter } from "./routers/accounts";
import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { billingRouter } from "./routers/billing";
import { brandingRouter } from "./routers/branding";
import { dashboardRouter } from "./routers/dashboard";
import { departmentsRouter } from "./routers/departments";
import { devicesRouter } from "./routers/devices";
import { domainsRouter } from "./routers/domains";
import { extensionsRouter } from "./routers/extensions";
import { numbersRouter } from "./routers/numbers";
import { openAsRouter } from "./routers/open-as";
import { invitationRouter, passwordResetRouter, profileRouter } from "./routers/people";
import { plansRouter } from "./routers/plans";
import { schedulesRouter } from "./routers/schedules";
import { usersRouter } from "./routers/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  accounts: accountsRouter,
  audit: auditRouter,
  branding: brandingRouter,
  domains: domainsRouter,
  numbers: numbersRouter,
  openAs: openAsRouter,
  plans: plansRouter,
  departments: departmentsRouter,
  schedules: schedulesRouter,
  dashboard: dashboardRouter,
  users: usersRouter,
  invitation: invitationRouter,
  passwordReset: passwordResetRouter,
  profile: profileRouter,
  extensions: extensionsRouter,
  devices: devicesRouter,
  apiKeys: apiKeysRouter,
  billing: billingRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
