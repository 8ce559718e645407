import { Badge } from "@/components/ui/badge";

const STATUS = {
  invited: { tone: "warning", label: "Invited" },
  active: { tone: "success", label: "Active" },
  deactivated: { tone: "neutral", label: "Deactivated" },
} as const;

export const ROLE_LABELS = { owner: "Owner", admin: "Admin", manager: "Manager", member: "Member" } as const;

/** A person's status, the same colour and word on every page. */
export function UserStatusBadge({ status }: { status: keyof typeof STATUS }) {
  const { tone, label } = STATUS[status];
  return (
    <Badge tone={tone} data-user-status={status}>
      {label}
    </Badge>
  );
}

export function RoleBadge({ role }: { role: keyof typeof ROLE_LABELS }) {
  return (
    <Badge tone={role === "owner" ? "accent" : "neutral"} data-role={role}>
      {ROLE_LABELS[role]}
    </Badge>
  );
}
