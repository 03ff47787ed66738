/**
 * GET /api/v1/core/customers as a straight line: the query read with the list's one schema
 * (CustomerListQuery, which the OpenAPI document is generated from too), every malformed parameter
 * reported at once → a plan (plain data) → `store.query(plan)` → render.
 *
 * Pelcro's beta filters (docs.pelcro.com "Filtering and Sorting"): `filter[ATTRIBUTE]=OPERATOR:VALUE[,VALUE…]`
 * on `email`, `first_name`, `last_name`, `metadata.KEY` (operators eq, oreq, like, orlike; eq when
 * none is given) and `filter[metadata]=has:KEY` (has, orhas). Filters apply in query order like
 * chained Laravel `where`/`orWhere` calls; the values of one filter are alternatives (`IN`, or one
 * LIKE per value).
 */
import {
  CustomerListQuery,
  EXPAND_NAMES,
  FILTER_ATTRIBUTES,
  LIST_LIMIT,
  METADATA_OPERATORS,
  VALUE_OPERATORS,
  type ExpandName,
  type FilterAttribute,
  type SortValue,
} from '../../../../contracts/pelcro/schemas';
import { laravel, pelcro } from '../../../../contracts/pelcro/messages';
import { pageOffset, resolvePage, type PageNumber } from '../../../../lib/php/paginator';
import { UploadedFile } from '../../../../lib/php/upload';
import { ErrorBag, toInt } from '../../../../lib/php/validator';
import { entriesOf, writeJson } from '../../../../lib/ordered-json';
import { failIfInvalid, readSite, type Input } from '../input';
import type { PelcroSandboxes } from '../sandbox';
import type { Handler } from '../router';
import { listText, renderList, requestUrl } from './render';
import type { PageCache } from '../../../core/page-cache';
import type { Condition, QueryPlan } from './store';

/** The list query once read: what the plan and the renderer need. */
export interface ListQuery {
  siteId: number;
  page: PageNumber;
  limit: number;
  sort: SortValue;
  expand: Set<ExpandName>;
  where: Condition[];
}

/** The order Laravel reports the query's fields in: the order of the controller's rules. */
const QUERY_ORDER = ['site_id', 'limit', 'sort', 'expand', 'filter'];
const FIELDS = CustomerListQuery.shape;

/**
 * `?expand=` of the list and retrieve routes: a comma-separated string of camelCase relation names
 * (docs.pelcro.com; REFERENCE). Spaces around names and empty entries are ignored. An unknown name
 * or a value that is no string is recorded in `bag`.
 */
export function readExpand(input: Input, bag: ErrorBag): Set<ExpandName> {
  const names = new Set<ExpandName>();
  const raw = input.expand;
  if (raw === undefined || raw === null) return names;
  if (typeof raw !== 'string') {
    // `expand[]=…` or a JSON list: Laravel's `string` rule text.
    bag.add('expand', laravel.string('expand'));
    return names;
  }
  const unknown: string[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim();
    if (name === '') continue;
    const known = EXPAND_NAMES.find((expandName) => expandName === name);
    if (known) names.add(known);
    else unknown.push(name);
  }
  if (unknown.length === 0) return names;
  bag.add('expand', pelcro.expandUnknown(unknown, EXPAND_NAMES));
  return new Set();
}

const FILTERABLE = `${FILTER_ATTRIBUTES.join(', ')}, metadata.KEY and metadata`;

/**
 * The longest LIKE filter text the mock accepts (all its comma-separated values together), and
 * the most the like filters of one list hold together. With it, a list costs at most 128 patterns
 * of 8 machine words per character of stored text: a pattern holding `_` is no text a column can
 * look up, so it is run over every customer, and twenty filters of 85 such patterns each took
 * 1.2 s at 5,000 customers. A **guess**: Pelcro documents no limit; Laravel's `max:255` is the usual
 * string bound (the bound of the list is the mock's own sentence).
 */
const MAX_LIKE_FILTER_LENGTH = 255;

/**
 * The most filters one list takes (attributes of `filter`). Each is tested against every customer
 * its columns do not rule out, so their number multiplies the work of a list: a GET whose JSON body
 * held 20,000 `metadata.KEY` filters (Laravel reads a GET's body; PHP's max_input_vars bounds only
 * a query string) held the server 3.5 s as `like`, 72 s as `orlike`, at 5,000 customers. A
 * **guess**: Pelcro documents no limit; the words are Laravel's `max` rule's for an array.
 */
export const MAX_FILTERS = 20;

/** Splits `OPERATOR:VALUE`; a leading word followed by a colon is always read as an operator. */
function splitOperator(raw: string): { operator: string; rest: string } {
  const match = /^([A-Za-z]+):(.*)$/s.exec(raw);
  return match ? { operator: match[1], rest: match[2] } : { operator: 'eq', rest: raw };
}

/** The `filter` input as conditions, or undefined with each malformed filter recorded in `bag`. */
function readFilters(filter: unknown, bag: ErrorBag): Condition[] | undefined {
  if (filter === undefined || filter === null) return [];
  // An uploaded file is no array either (a POST overridden to GET may carry one).
  if (typeof filter !== 'object' || filter instanceof UploadedFile) {
    bag.add('filter', laravel.array('filter'));
    return undefined;
  }
  const entries = entriesOf(filter);
  if (entries.length > MAX_FILTERS) {
    bag.add('filter', laravel.maxArray('filter', MAX_FILTERS));
    return undefined;
  }
  const where: Condition[] = [];
  let ok = true;
  let likeLength = 0;
  for (const [attribute, raw] of entries) {
    const field = `filter.${attribute}`;
    const fail = (message: string) => {
      bag.add(field, message);
      ok = false;
    };
    const metadataPath = attribute.startsWith('metadata.') ? attribute.slice('metadata.'.length).split('.') : undefined;
    const isMetadataKeys = attribute === 'metadata';
    const column: FilterAttribute | undefined = FILTER_ATTRIBUTES.find((name) => name === attribute);
    if (!column && !isMetadataKeys && !metadataPath?.every((k) => k !== '')) {
      fail(pelcro.filterUnsupported(field, FILTERABLE));
      continue;
    }
    if (raw === null) {
      fail(laravel.filled(field));
      continue;
    }
    if (typeof raw !== 'string') {
      fail(laravel.string(field));
      continue;
    }
    const { operator, rest } = splitOperator(raw);
    const allowed: readonly string[] = isMetadataKeys ? METADATA_OPERATORS : VALUE_OPERATORS;
    if (!allowed.includes(operator)) {
      fail(pelcro.filterOperatorInvalid(field, operator, allowed));
      continue;
    }
    if (operator.endsWith('like') && rest.length > MAX_LIKE_FILTER_LENGTH) {
      fail(laravel.maxString(field, MAX_LIKE_FILTER_LENGTH));
      continue;
    }
    if (operator.endsWith('like')) likeLength += rest.length;
    const values = rest
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (values.length === 0) {
      fail(laravel.filled(field));
      continue;
    }
    const or = operator.startsWith('or');
    const match = operator.endsWith('like') ? 'like' : 'eq';
    if (isMetadataKeys) where.push({ or, on: 'metadata_keys', keys: values });
    else if (metadataPath) where.push({ or, on: 'metadata', path: metadataPath, match, values });
    else if (column) where.push({ or, on: 'column', column, match, values });
  }
  if (ok && likeLength > MAX_LIKE_FILTER_LENGTH) {
    bag.add('filter', pelcro.likeFiltersTooLong(MAX_LIKE_FILTER_LENGTH));
    return undefined;
  }
  return ok ? where : undefined;
}

/** The list query, or a 400 with every malformed parameter. */
export function readListQuery(input: Input): ListQuery {
  const bag = new ErrorBag(QUERY_ORDER);
  const siteId = readSite(input, bag);
  // A present null is validated too (no `nullable` rule: Validator::presentOrRuleIsImplicit skips
  // only an absent field or a blank string, and ConvertEmptyStringsToNull has made `limit=` null),
  // so `limit=` fails `integer` and `min:1`, and `sort=` fails `in`.
  let limit: number = LIST_LIMIT.default;
  if (input.limit !== undefined) {
    const parsed = FIELDS.limit.safeParse(input.limit);
    if (parsed.success) limit = toInt(parsed.data);
    else bag.addIssues(parsed.error.issues, { field: 'limit' });
  }
  let sort: SortValue = 'id';
  if (input.sort !== undefined) {
    const parsed = FIELDS.sort.safeParse(input.sort);
    if (parsed.success && parsed.data !== undefined) sort = parsed.data;
    else bag.add('sort', laravel.invalid('sort'));
  }
  const expand = readExpand(input, bag);
  const where = readFilters(input.filter, bag);
  failIfInvalid(bag);
  return { siteId: siteId!, page: resolvePage(input.page), limit, sort, expand, where: where! };
}

/** What the store is asked for. */
export function planOf(query: ListQuery): QueryPlan {
  return { where: query.where, order: query.sort, page: { offset: pageOffset(query.page, query.limit), limit: query.limit } };
}

/**
 * GET customers. The page is kept while the site's data is unchanged (src/core/page-cache.ts): the
 * input Laravel reads (the query and a GET's JSON body alike) and the page links' URL name it.
 */
export function listHandler(sandboxes: PelcroSandboxes, pages: PageCache, publicUrl?: string): Handler {
  return ({ c, token, input }) => {
    const query = readListQuery(input);
    const sandbox = sandboxes.sandboxFor({ token, siteId: query.siteId }, c);
    const url = requestUrl(c, publicUrl);
    // An unwritten site's pages are the seed's, whatever its token (the site is in the input).
    const render = () => {
      const { records, total } = sandbox.customers.query(planOf(query));
      return listText(url, { records, total, page: query.page, limit: query.limit, expand: query.expand, sandbox });
    };
    // A first page in one of the orders, nothing else asked (the site and a sort at most).
    const firstPage = Object.keys(input).every((name) => name === 'site_id' || name === 'sort');
    const page = pages.page(sandbox, sandbox.dataVersion, `${url}\n${writeJson(input)}`, render, 'site', firstPage);
    return renderList(c, page);
  };
}
