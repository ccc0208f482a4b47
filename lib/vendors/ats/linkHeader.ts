/** The `rel="next"` URL of an RFC 5988 Link header (Greenhouse Harvest pagination, docs/vendors/greenhouse.md). */
export function nextLink(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(',')) {
    const match = /<([^<>]+)>\s*;\s*rel="?next"?/i.exec(part.trim());
    if (match) return match[1];
  }
  return undefined;
}
