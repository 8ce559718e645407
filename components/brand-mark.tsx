/** The brand's logo when it has one, else its name set in the brand colour. */
export function BrandMark({ name, logoUrl }: { name: string; logoUrl: string | null }) {
  return (
    <span className="inline-flex items-center gap-2">
      {logoUrl ? (
        // biome-ignore lint/performance/noImgElement: brand logos are served by the portal itself, any size
        <img src={logoUrl} alt="" className="h-8 w-auto" />
      ) : (
        <span aria-hidden className="inline-block h-8 w-8 rounded-lg bg-brand" />
      )}
      <span className="text-lg font-semibold tracking-tight" data-testid="brand-name">
        {name}
      </span>
    </span>
  );
}
