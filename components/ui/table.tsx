import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * A table contained at every width. `stack`: on a phone each row becomes a block and each cell a
 * labelled line (the cells' `label`); otherwise the table scrolls inside its own box.
 */
export function Table({ className, stack = false, ...props }: ComponentProps<"table"> & { stack?: boolean }) {
  return (
    <div className={cn("w-full", stack ? "" : "overflow-x-auto")}>
      <table
        data-stack={stack ? "" : undefined}
        className={cn("group/table w-full text-left text-sm", className)}
        {...props}
      />
    </div>
  );
}

export function TableHead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("text-slate-600 group-data-stack/table:max-sm:sr-only", className)} {...props} />;
}

export function TableBody(props: ComponentProps<"tbody">) {
  return <tbody {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr
      className={cn(
        "border-t border-slate-100 align-top group-data-stack/table:max-sm:block group-data-stack/table:max-sm:py-2",
        className,
      )}
      {...props}
    />
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"th">) {
  return <th scope="col" className={cn("py-2 pr-4 font-medium last:pr-0", className)} {...props} />;
}

/** A cell; on a stacked table's phone layout it shows `label` before its value. */
export function TableCell({ className, label, children, ...props }: ComponentProps<"td"> & { label?: ReactNode }) {
  return (
    <td
      className={cn(
        "py-2 pr-4 last:pr-0 group-data-stack/table:max-sm:flex group-data-stack/table:max-sm:gap-2 group-data-stack/table:max-sm:py-0.5",
        className,
      )}
      {...props}
    >
      {label ? (
        <span aria-hidden className="hidden w-24 shrink-0 text-slate-600 group-data-stack/table:max-sm:inline">
          {label}
        </span>
      ) : null}
      <span className="min-w-0 break-words">{children}</span>
    </td>
  );
}
