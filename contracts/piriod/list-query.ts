/**
 * The query parameters of `GET /customers/`: DRF PageNumberPagination, OrderingFilter and
 * SearchFilter, and the django-filter FilterSet, with django-filter's (Django forms') messages.
 *
 * One definition per parameter: the Zod schema that documents it (the OpenAPI document lists
 * them) and validates it, and how its value is read into the list's plan (`readListQuery`), so
 * the mock reads the query exactly as it is documented.
 */
import { z } from 'zod';
import { MESSAGES } from './messages';
import { pyInt, pyStrip } from '../../lib/python/python';
import { searchTerms } from '../../lib/python/search';
import { pgUpper } from '../../lib/postgres/upper';
import { TIME_ZONE, parseDjangoDateTime, pyNaiveDateTime, toInstantMicros } from '../../lib/python/time';
import { hasNullCharacter } from '../../lib/python/validators';
import { COUNTRIES, COUNTRY_CODES } from './reference';
import { CUSTOMER_STATUSES } from './common';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const ORDERING_FIELDS = ['name', 'created', 'updated'] as const;
export type OrderField = (typeof ORDERING_FIELDS)[number];
export const ORDERING_VALUES = [...ORDERING_FIELDS, ...ORDERING_FIELDS.map((f) => `-${f}` as const)] as const;
/** The default ordering of the list (no ordering given, or none valid). */
export const DEFAULT_ORDERING = '-created';
/** Text fields filtered with django-filter lookups: exact (plain name), in, exact, contains, icontains. */
export const TEXT_FILTER_FIELDS = ['country__name', 'name', 'email', 'tax_id'] as const;
export type TextField = (typeof TEXT_FILTER_FIELDS)[number];
export const TEXT_LOOKUPS = ['', '__in', '__exact', '__contains', '__icontains'] as const;
type TextLookup = (typeof TEXT_LOOKUPS)[number];

// --- The plan: what the query asks of the store, as plain data --------------------------------

/** One condition of the list (every condition must hold). */
export type Condition =
  /** `country` / `country__in`: the customer's country is one of `codes`. */
  | { kind: 'country'; codes: string[] }
  /** A text lookup; `__in` gives `values`, the others one `value`. */
  | { kind: 'text'; field: TextField; lookup: 'exact' | 'contains' | 'icontains'; value: string }
  | { kind: 'text_in'; field: TextField; values: string[] }
  | { kind: 'created'; bound: 'gte' | 'lte'; micros: number }
  /** SearchFilter: every (lower-cased) term appears in the name, email or tax id. */
  | { kind: 'search'; terms: string[] }
  /** `status` / `status__in`: the customer's status is one of `values`. */
  | { kind: 'status'; values: string[] }
  /** `metadata__<key>[__<key>…]=value`: the metadata value at `path` is `value` (see `metadataMatches`). */
  | { kind: 'metadata'; path: string[]; value: string }
  /** `sources`: the customer holds the source with this id. */
  | { kind: 'source'; id: string };

export interface OrderTerm {
  field: OrderField;
  descending: boolean;
}

/** The query once read: conditions in the FilterSet's order, then the search; or the refusals. */
export interface ListQuery {
  where: Condition[];
  order: OrderTerm[];
  /** The page asked for; undefined when it is not an integer (DRF's `MESSAGES.invalidPage`). */
  page: number | 'last' | undefined;
  pageSize: number;
  /** django-filter's errors, by filter in declaration order (a 400). */
  filterErrors?: Record<string, string[]>;
  /** The search value a CharField refuses outside a serializer (a 400 with a bare list). */
  searchRefused?: 'null_characters';
}

// --- The filters ------------------------------------------------------------------------------

// django-filter's CharFilter uses forms.CharField, whose ProhibitNullCharactersValidator applies.
const textFilter = (description: string) =>
  z
    .string()
    .refine((v) => !hasNullCharacter(v), { error: MESSAGES.nullCharacters })
    .optional()
    .meta({ description });

// django-filter's IsoDateTimeFilter: Django's parse_datetime; a naive value is Santiago time.
const dateTimeFilter = (description: string) =>
  z
    .string()
    .superRefine((value, ctx) => {
      const fields = parseDjangoDateTime(pyStrip(value));
      if (!fields) ctx.addIssue({ code: 'custom', message: MESSAGES.filterDateTime });
      else if (toInstantMicros(fields) === undefined) {
        ctx.addIssue({ code: 'custom', message: MESSAGES.ambiguousDateTime(pyNaiveDateTime(fields), TIME_ZONE) });
      }
    })
    .optional()
    .meta({ description, examples: ['2024-01-01T00:00:00-03:00'] });

const lookupText: Record<TextLookup, string> = {
  '': 'equals (case-sensitive)',
  __in: 'equals one of these comma-separated values',
  __exact: 'equals (case-sensitive)',
  __contains: 'contains (case-sensitive)',
  __icontains: 'contains (case-insensitive)',
};

/**
 * One filter: its schema and how its cleaned value becomes a condition. `strip`: forms.CharField
 * strips the value; ModelChoiceField and the CSV of choices take it as sent.
 */
export interface Filter<S extends z.ZodType = z.ZodType, C = Condition> {
  schema: S;
  strip: boolean;
  condition(value: string): C;
}

/** The filter builder of a list whose conditions are `C`. */
export const filterFor =
  <C>() =>
  <S extends z.ZodType>(schema: S, strip: boolean, condition: (value: string) => C): Filter<S, C> => ({ schema, strip, condition });

const filter = filterFor<Condition>();

/** django-filter's ChoiceFilter: forms.ChoiceField, whose message quotes the value. */
export const choiceFilter = <const T extends readonly [string, ...string[]]>(choices: T, description: string) =>
  z
    .enum(choices, { error: (issue) => MESSAGES.filterInvalidChoice(String(issue.input)) })
    .optional()
    .meta({ description, examples: [choices[0]] });

function textLookupFilter(field: TextField, lookup: TextLookup) {
  const schema = textFilter(`Customers whose ${field.replace('__', ' ')} ${lookupText[lookup]}.`);
  if (lookup === '__in') return filter(schema, false, (value) => ({ kind: 'text_in', field, values: value.split(',').map(pyStrip) }));
  const kind = lookup === '__contains' ? 'contains' : lookup === '__icontains' ? 'icontains' : 'exact';
  return filter(schema, true, (value) => ({ kind: 'text', field, lookup: kind, value }));
}

const textFilters = Object.fromEntries(
  TEXT_FILTER_FIELDS.flatMap((field) => TEXT_LOOKUPS.map((lookup) => [`${field}${lookup}`, textLookupFilter(field, lookup)])),
) as Record<`${TextField}${TextLookup}`, ReturnType<typeof textLookupFilter>>;

const createdFilter = (bound: 'gte' | 'lte', description: string) =>
  filter(dateTimeFilter(description), false, (value) => ({
    kind: 'created',
    bound,
    micros: toInstantMicros(parseDjangoDateTime(pyStrip(value))!)!,
  }));

/** Every filter of the list, in the FilterSet's declared order (errors are listed in it). */
const FILTERS = {
  country: filter(
    z
      .enum(COUNTRY_CODES, { error: MESSAGES.filterChoice })
      .optional()
      .meta({ description: 'Customers of this country (ISO alpha-2).', examples: ['CL'] }),
    false,
    (value) => ({ kind: 'country', codes: [value] }),
  ),
  country__in: filter(
    z
      .string()
      .refine((v) => v.split(',').every((code) => code === '' || COUNTRIES.has(code)), { error: MESSAGES.filterChoice })
      .optional()
      .meta({ description: 'Customers of one of these comma-separated countries.', examples: ['CL,AR'] }),
    false,
    // Empty items clean to None, which an SQL IN never matches.
    (value) => ({ kind: 'country', codes: value.split(',').filter(Boolean) }),
  ),
  ...textFilters,
  created__gte: createdFilter('gte', 'Customers created at or after this instant (a naive value is Santiago time).'),
  created__lte: createdFilter('lte', 'Customers created at or before this instant (a naive value is Santiago time).'),
  status: filter(choiceFilter(CUSTOMER_STATUSES, 'Customers with this status.'), false, (value) => ({ kind: 'status', values: [value] })),
  // Generated as `status: ['exact', 'in']`: django-filter's FilterSet.filter_for_lookup makes only
  // `exact` on a field with choices a ChoiceFilter; `in` is a BaseInFilter over the field's own
  // filter class, a CharFilter (django_filters/filterset.py), so each item is a forms.CharField
  // value (stripped, no null character) and a status that is none matches nothing.
  status__in: filter(
    z
      .string()
      .refine((v) => !hasNullCharacter(v), { error: MESSAGES.nullCharacters })
      .optional()
      .meta({ description: 'Customers with one of these comma-separated statuses.', examples: ['active,archived'] }),
    false,
    (value) => ({ kind: 'status', values: value.split(',').map(pyStrip) }),
  ),
  sources: filter(textFilter('Customers holding the payment source with this id (`sou_…`).'), true, (value) => ({
    kind: 'source',
    id: value,
  })),
};

/** The prefix of the metadata filters: `metadata__<key>=value` for any key (the newest reference). */
export const METADATA_FILTER_PREFIX = 'metadata__';

/**
 * Whether a metadata value matches a `metadata__<key>` filter's text (a **guess**: the reference
 * says only "Filterable via ?metadata__key=value"): a string equals it; any other JSON value
 * matches its JSON text (`true`, `4411`, `null`).
 */
export function metadataMatches(stored: unknown, value: string): boolean {
  const text = metadataText(stored);
  return text !== null && text === value;
}

/** A metadata value as a filter's text is compared with it: a string itself, else its JSON; null when absent. */
export function metadataText(stored: unknown): string | null {
  if (stored === undefined) return null;
  return typeof stored === 'string' ? stored : (JSON.stringify(stored) ?? null);
}

/** The metadata value at `path` (Django's JSONField key transforms: `metadata__a__b` is `a` → `b`). */
export function metadataAt(metadata: unknown, path: readonly string[]): unknown {
  let value = metadata;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

type FilterName = keyof typeof FILTERS;
export const FILTER_NAMES = Object.keys(FILTERS) as FilterName[];

const filterShape = Object.fromEntries(FILTER_NAMES.map((name) => [name, FILTERS[name].schema])) as {
  [K in FilterName]: (typeof FILTERS)[K]['schema'];
};

/** Every query parameter of `GET /customers/` (unknown parameters are ignored). */
export const CustomerListQuery = z.object({
  page: z
    .union([z.int().min(1), z.literal('last')])
    .optional()
    .meta({ description: `Page number from 1, or \`last\`. Past the end: 404 "${MESSAGES.invalidPage}"`, examples: [2] }),
  // DRF refuses neither an invalid page_size nor an unknown ordering (it falls back to the
  // default): the plain string beside the documented values says so to request validators.
  page_size: z
    .union([z.int().min(1), z.string()])
    .optional()
    .meta({
      description: `Results per page: default ${DEFAULT_PAGE_SIZE}; above ${MAX_PAGE_SIZE} is capped; an invalid value means the default.`,
      examples: [50],
    }),
  ordering: z
    .union([z.enum(ORDERING_VALUES), z.string()])
    .optional()
    .meta({
      description: `Sort key, \`-\` for descending; several may be comma-separated (\`name,-created\`); unknown keys are ignored. Default \`${DEFAULT_ORDERING}\`.`,
      examples: ['-created', 'name,-created'],
    }),
  search: z
    .string()
    .optional()
    .meta({
      description: 'Words (split on spaces and commas, quotes keep a phrase) that must each appear in the name, email or tax id.',
      examples: ['andes'],
    }),
  ...filterShape,
  'metadata__{key}': z
    .string()
    .optional()
    .meta({
      description:
        'Customers whose metadata holds this value under `key` (any key: `metadata__crm_id=4411`; `__` goes one level deeper). ' +
        'A string equals the text; any other JSON value matches its JSON text (`true`, `12`).',
      examples: ['4411'],
    }),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

// --- Reading the query ------------------------------------------------------------------------

/**
 * django-filter: each filter's form field cleans its value; an empty value means "no filter";
 * any invalid value is an error, every invalid filter listed in declaration order.
 */
export function readFilters<C>(
  filters: Record<string, Filter<z.ZodType, C>>,
  get: (name: string) => string | undefined,
  where: C[],
): Record<string, string[]> | undefined {
  const errors: Record<string, string[]> = {};
  for (const name of Object.keys(filters)) {
    const raw = get(name);
    if (raw === undefined) continue;
    const spec = filters[name];
    const value = spec.strip ? pyStrip(raw) : raw;
    if (value === '') continue;
    const checked = spec.schema.safeParse(value);
    if (checked.success) where.push(spec.condition(value));
    else errors[name] = checked.error.issues.map((i) => i.message);
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/**
 * OrderingFilter: comma-separated terms, invalid ones dropped; none valid → the default. A field
 * named again orders nothing more: Django's SQLCompiler.get_order_by skips a column already in
 * ORDER BY whatever its direction ("Don't add the same column twice"; read in Debian's Django
 * 3.2.25, unchanged in 4.2), so only each field's first term counts, and a URL of thousands of
 * terms orders by three fields at most.
 */
function readOrdering(param: string | undefined): OrderTerm[] {
  const terms = (param ? param.split(',').map(pyStrip) : []).filter((t) =>
    (ORDERING_FIELDS as readonly string[]).includes(t.startsWith('-') ? t.slice(1) : t),
  );
  const order = new Map<OrderField, OrderTerm>();
  for (const t of terms.length > 0 ? terms : [DEFAULT_ORDERING]) {
    const field = (t.startsWith('-') ? t.slice(1) : t) as OrderField;
    if (!order.has(field)) order.set(field, { field, descending: t.startsWith('-') });
  }
  return [...order.values()];
}

/** PageNumberPagination.get_page_size: invalid, zero or negative → default; capped at the max. */
export function readPageSize(raw: string | undefined): number {
  const n = raw === undefined ? undefined : pyInt(raw);
  if (n === undefined || n <= 0) return DEFAULT_PAGE_SIZE;
  return Math.min(n, MAX_PAGE_SIZE);
}

/** Django's Paginator.validate_number: int(), or `last`; its range is checked against the count. */
export function readPageNumber(get: (name: string) => string | undefined): number | 'last' | undefined {
  const requested = get('page') || '1';
  return requested === 'last' ? 'last' : pyInt(requested);
}

/**
 * The list's query (`get` returns a parameter's last value, as QueryDict does; `names` are the
 * parameters sent, in order) read into a plan.
 */
export function readListQuery(get: (name: string) => string | undefined, names: Iterable<string> = []): ListQuery {
  const where: Condition[] = [];
  const filterErrors = readFilters<Condition>(FILTERS, get, where);
  // After the declared filters, the metadata ones, in the order sent; an empty value or key filters nothing.
  for (const name of names) {
    if (!name.startsWith(METADATA_FILTER_PREFIX)) continue;
    const path = name.slice(METADATA_FILTER_PREFIX.length).split('__');
    const value = get(name) ?? '';
    if (value !== '' && path.every((key) => key !== '')) where.push({ kind: 'metadata', path, value });
  }
  // SearchFilter runs CharField(trim_whitespace=False, allow_blank=True).run_validation(value).
  const search = get('search') ?? '';
  const searchRefused = search !== '' && hasNullCharacter(search) ? 'null_characters' : undefined;
  // SearchFilter ANDs one condition per term (DRF 3.15 filters.py, `reduce(operator.and_, conditions)`),
  // so a term sent again selects nothing more: each is kept once (8,000 copies of `a`, the most a
  // 16 KiB URL holds, took 0.9 s over 5,000 customers). Each term is an icontains lookup:
  // upper-cased as PostgreSQL does (lib/postgres/upper.ts).
  const terms = [...new Set(searchTerms(search).map(pgUpper))];
  if (terms.length > 0) where.push({ kind: 'search', terms });
  return {
    where,
    order: readOrdering(get('ordering')),
    page: readPageNumber(get),
    pageSize: readPageSize(get('page_size')),
    filterErrors,
    searchRefused,
  };
}

/**
 * The query of a list that keeps one order (contacts, sources): DRF's page and page_size, then
 * the resource's filters, each with the schema the OpenAPI document shows.
 */
export function pagedListQuery<C>(filters: Record<string, Filter<z.ZodType, C>>) {
  return z.object({
    page: z
      .union([z.int().min(1), z.literal('last')])
      .optional()
      .meta({ description: `Page number from 1, or \`last\`. Past the end: 404 "${MESSAGES.invalidPage}"` }),
    page_size: z
      .union([z.int().min(1), z.string()])
      .optional()
      .meta({
        description: `Results per page: default ${DEFAULT_PAGE_SIZE}; above ${MAX_PAGE_SIZE} is capped; an invalid value means the default.`,
      }),
    ...(Object.fromEntries(Object.entries(filters).map(([name, f]) => [name, f.schema])) as Record<string, z.ZodType>),
  });
}

/** Such a list's query read into a plan: its conditions (a filter may add none), page and page size. */
export function readPagedListQuery<C>(
  filters: Record<string, Filter<z.ZodType, C | undefined>>,
  get: (name: string) => string | undefined,
) {
  const where: (C | undefined)[] = [];
  const filterErrors = readFilters(filters, get, where);
  return {
    where: where.filter((c): c is C => c !== undefined),
    page: readPageNumber(get),
    pageSize: readPageSize(get('page_size')),
    filterErrors,
  };
}
