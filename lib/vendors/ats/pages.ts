import type { HttpRequest, HttpResponse } from '../../http';
import type { AtsContext } from './types';

/** One page of a vendor list: what it holds and the request for the page after it (null at the end). */
export interface Page<T, R extends HttpRequest = HttpRequest> {
  items: T[];
  next: R | null;
}

/** What a paged read found; `capped`: a next page existed when the read stopped at its page limit. */
export interface PagedRead<T> {
  items: T[];
  capped: boolean;
}

/**
 * Reads a vendor list page by page from `first`, at most `maxPages` pages, so a runaway cursor cannot
 * keep a poll busy forever. `parse` reads a page at the boundary (and throws naming the field); the
 * vendor's paging scheme lives there, the loop and the limit here.
 */
export async function readPages<T, R extends HttpRequest>(
  ctx: AtsContext,
  first: R,
  parse: (response: HttpResponse, request: R) => Page<T, R>,
  maxPages: number,
): Promise<PagedRead<T>> {
  const items: T[] = [];
  let request: R | null = first;
  for (let pages = 0; request; pages += 1) {
    if (pages >= maxPages) return { items, capped: true };
    const page: Page<T, R> = parse(await ctx.send(request), request);
    items.push(...page.items);
    request = page.next;
  }
  return { items, capped: false };
}
