/** An extension's page with a notice of what was just done (`done`, one of its page's DONE keys). */
export const extensionPage = (id: string, done: string) => `/extensions/${encodeURIComponent(id)}?done=${done}`;
