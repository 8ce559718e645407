import { z } from "zod";
import { DESTINATION_KIND_LABEL, DESTINATION_KINDS, type DestinationKind } from "../routing/destinations";

export { DESTINATION_KINDS, type DestinationKind };

/** A destination: one row of the account's own extensions, departments or schedules. */
export const DestinationRef = z.object({
  kind: z.enum(DESTINATION_KINDS, "Choose an extension, a department or a schedule"),
  id: z.uuid("Choose a destination from the list"),
});
export type DestinationRef = z.infer<typeof DestinationRef>;

/** A destination as a list shows it (listDestinations in server/routing/destinations.ts). */
export const DestinationOption = DestinationRef.extend({ label: z.string() });
export type DestinationOption = z.infer<typeof DestinationOption>;

/** "Extension: 1100 · Front desk", "Department: Sales": a destination named with its kind. */
export function destinationText(option: { kind: DestinationKind; label: string }): string {
  return `${DESTINATION_KIND_LABEL[option.kind]}: ${option.label}`;
}
