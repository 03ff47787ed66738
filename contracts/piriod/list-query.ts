/**
 * The query parameters of `GET /customers/`: DRF PageNumberPagination, OrderingFilter and
 * SearchFilter, and the django-filter FilterSet, with django-filter's (Django forms') messages.
 * The mock validates filter values with these schemas; the OpenAPI document lists them.
 */
import { z } from 'zod';
import { MESSAGES } from './messages';
import { pyStrip } from '../../lib/python/python';
import { COUNTRIES, COUNTRY_CODES } from './reference';
import { TIME_ZONE, parseDjangoDateTime, pyNaiveDateTime, toInstantMicros } from '../../lib/python/time';
import { hasNullCharacter } from '../../lib/python/validators';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const ORDERING_FIELDS = ['name', 'created', 'updated'] as const;
export const ORDERING_VALUES = [...ORDERING_FIELDS, ...ORDERING_FIELDS.map((f) => `-${f}` as const)] as const;
/** The default ordering of the list (no ordering given, or none valid). */
export const DEFAULT_ORDERING = '-created';
/** Text fields filtered with django-filter lookups: exact (plain name), in, exact, contains, icontains. */
export const TEXT_FILTER_FIELDS = ['country__name', 'name', 'email', 'tax_id'] as const;
export const TEXT_LOOKUPS = ['', '__in', '__exact', '__contains', '__icontains'] as const;

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

const lookupText: Record<string, string> = {
  '': 'equals (case-sensitive)',
  __in: 'equals one of these comma-separated values',
  __exact: 'equals (case-sensitive)',
  __contains: 'contains (case-sensitive)',
  __icontains: 'contains (case-insensitive)',
};

const textFilters = Object.fromEntries(
  TEXT_FILTER_FIELDS.flatMap((field) =>
    TEXT_LOOKUPS.map((lookup) => [`${field}${lookup}`, textFilter(`Customers whose ${field.replace('__', ' ')} ${lookupText[lookup]}.`)]),
  ),
) as Record<`${(typeof TEXT_FILTER_FIELDS)[number]}${(typeof TEXT_LOOKUPS)[number]}`, ReturnType<typeof textFilter>>;

/** Every filter of the list, in the FilterSet's declared order (errors are listed in it). */
const filterShape = {
  country: z
    .enum(COUNTRY_CODES, { error: MESSAGES.filterChoice })
    .optional()
    .meta({ description: 'Customers of this country (ISO alpha-2).', examples: ['CL'] }),
  country__in: z
    .string()
    .refine((v) => v.split(',').every((code) => code === '' || COUNTRIES.has(code)), { error: MESSAGES.filterChoice })
    .optional()
    .meta({ description: 'Customers of one of these comma-separated countries.', examples: ['CL,AR'] }),
  ...textFilters,
  created__gte: dateTimeFilter('Customers created at or after this instant (a naive value is Santiago time).'),
  created__lte: dateTimeFilter('Customers created at or before this instant (a naive value is Santiago time).'),
};

export const FILTER_NAMES = Object.keys(filterShape) as (keyof typeof filterShape)[];

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
    .meta({ description: `Results per page: default ${DEFAULT_PAGE_SIZE}; above ${MAX_PAGE_SIZE} is capped; an invalid value means the default.`, examples: [50] }),
  ordering: z
    .union([z.enum(ORDERING_VALUES), z.string()])
    .optional()
    .meta({ description: `Sort key, \`-\` for descending; several may be comma-separated (\`name,-created\`); unknown keys are ignored. Default \`${DEFAULT_ORDERING}\`.`, examples: ['-created', 'name,-created'] }),
  search: z
    .string()
    .optional()
    .meta({ description: 'Words (split on spaces and commas, quotes keep a phrase) that must each appear in the name, email or tax id.', examples: ['andes'] }),
  ...filterShape,
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;
