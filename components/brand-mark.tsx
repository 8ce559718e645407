/**
 * The brand's logo when it has one, else a mark in the brand colour beside its name. On a surface
 * that is itself the brand colour (the portal header), the mark takes the accent colour to stay visible.
 */
export function BrandMark({
  name,
  logoUrl,
  onBrandSurface = false,
}: {
  name: string;
  logoUrl: string | null;
  onBrandSurface?: boolean;
}) {
  return (
    <span className="inline-flex items-center gap-2">
      {logoUrl ? (
        // biome-ignore lint/performance/noImgElement: brand logos are served by the portal itself, any size
        <img src={logoUrl} alt="" className="h-8 w-auto" />
      ) : (
        <span aria-hidden className={`inline-block h-8 w-8 rounded-lg ${onBrandSurface ? "bg-accent" : "bg-brand"}`} />
      )}
      <span className="text-lg font-semibold tracking-tight" data-testid="brand-name">
        {name}
      </span>
    </span>
  );
}
