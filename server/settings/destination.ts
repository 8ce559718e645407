import { z } from "zod";

/** What a number, a schedule or the account's default can route to (the contract). */
export const DESTINATION_KINDS = ["extension", "department", "schedule"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** A destination: one row of the account's own extensions, departments or schedules. */
export const DestinationRef = z.object({
  kind: z.enum(DESTINATION_KINDS, "Choose an extension, a department or a schedule"),
  id: z.uuid("Choose a destination from the list"),
});
export type DestinationRef = z.infer<typeof DestinationRef>;

/** A destination as a list shows it. */
export const DestinationOption = DestinationRef.extend({ label: z.string() });
export type DestinationOption = z.infer<typeof DestinationOption>;

export const DESTINATION_KIND_LABELS: Record<DestinationKind, string> = {
  extension: "Extension",
  department: "Department",
  schedule: "Schedule",
};
