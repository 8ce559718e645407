import { scheduleDestinationOptions } from "../../schedules/destination-options";
import { getSchedule, listSchedules } from "../../schedules/read";
import { createSchedule, deleteSchedule, updateSchedule } from "../../schedules/write";
import { DeletedOutput } from "../schemas/departments.schema";
import {
  CreateScheduleInput,
  DeleteScheduleInput,
  DestinationOptionsOutput,
  GetScheduleInput,
  ListSchedulesInput,
  ScheduleOutput,
  SchedulePageOutput,
  UpdateScheduleInput,
} from "../schemas/schedules.schema";
import { actorOf, createTRPCRouter, tenantProcedure } from "../trpc";

export const schedulesRouter = createTRPCRouter({
  /** The account's schedules by name, searched and a page at a time, each open or closed now. */
  list: tenantProcedure("schedules:read")
    .meta({ openapi: { method: "GET", path: "/schedules", tags: ["schedules"], summary: "List schedules" } })
    .input(ListSchedulesInput)
    .output(SchedulePageOutput)
    .query(({ ctx, input }) => listSchedules(ctx.db, ctx.accountId, input)),

  /** One schedule: hours, holidays, destinations, the time zone it keeps and where that comes from. */
  get: tenantProcedure("schedules:read")
    .meta({ openapi: { method: "GET", path: "/schedules/{id}", tags: ["schedules"], summary: "Get a schedule" } })
    .input(GetScheduleInput)
    .output(ScheduleOutput)
    .query(({ ctx, input }) => getSchedule(ctx.db, ctx.accountId, input.id)),

  /** Where a schedule can send calls: the account's extensions and departments. */
  destinationOptions: tenantProcedure("schedules:read")
    .output(DestinationOptionsOutput)
    .query(({ ctx }) => scheduleDestinationOptions(ctx.db, ctx.accountId)),

  /** A new schedule. */
  create: tenantProcedure("schedules:write")
    .meta({ openapi: { method: "POST", path: "/schedules", tags: ["schedules"], summary: "Create a schedule" } })
    .input(CreateScheduleInput)
    .output(ScheduleOutput)
    .mutation(({ ctx, input }) => createSchedule(ctx.db, actorOf(ctx), input)),

  /** Changes a schedule's name, time zone, hours, holidays or destinations. */
  update: tenantProcedure("schedules:write")
    .meta({ openapi: { method: "PATCH", path: "/schedules/{id}", tags: ["schedules"], summary: "Change a schedule" } })
    .input(UpdateScheduleInput)
    .output(ScheduleOutput)
    .mutation(({ ctx, input }) => updateSchedule(ctx.db, actorOf(ctx), input)),

  /** Deletes a schedule nothing routes to any more. */
  delete: tenantProcedure("schedules:write")
    .meta({ openapi: { method: "DELETE", path: "/schedules/{id}", tags: ["schedules"], summary: "Delete a schedule" } })
    .input(DeleteScheduleInput)
    .output(DeletedOutput)
    .mutation(({ ctx, input }) => deleteSchedule(ctx.db, actorOf(ctx), input)),
});
