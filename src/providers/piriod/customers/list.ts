/**
 * `GET /customers/`: DRF's filter backends in their usual order (django-filter's
 * DjangoFilterBackend, SearchFilter, OrderingFilter), then PageNumberPagination.
 *
 * The hot path stays cheap: without filters the page is cut straight out of the seeded records
 * pre-sorted once per app, merged with the sandbox's own (few) records.
 */
import { ApiError, type FieldErrors } from '../../../core/errors';
import {
  CustomerListQuery,
  DEFAULT_ORDERING,
  DEFAULT_PAGE_SIZE,
  FILTER_NAMES,
  MAX_PAGE_SIZE,
  ORDERING_FIELDS,
} from '../../../../contracts/piriod/schemas';
import { pyInt, pyStrip } from '../../../../lib/python/python';
import { parseDjangoDateTime, toInstantMicros } from '../../../../lib/python/time';
import { hasNullCharacter } from '../../../../lib/python/validators';
import type { CustomerRecord } from './model';
import { QueryDict, withQueryParam } from '../../../../lib/python/query';
import { recordJson } from './render';
import { searchTerms } from '../../../../lib/python/search';
import { ascending, byField, type OrderField, type Sandbox } from './store';

type Predicate = (record: CustomerRecord) => boolean;

interface Lowered {
  name: string;
  email: string | null;
  tax_id: string | null;
  country__name: string | null;
}

// Lower-cased text per record for icontains and search, computed once per record.
const lowered = new WeakMap<CustomerRecord, Lowered>();

function lower(record: CustomerRecord): Lowered {
  let l = lowered.get(record);
  if (!l) {
    const a = record.attrs;
    l = {
      name: a.name.toLowerCase(),
      email: a.email?.toLowerCase() ?? null,
      tax_id: a.tax_id?.toLowerCase() ?? null,
      country__name: record.countryName?.toLowerCase() ?? null,
    };
    lowered.set(record, l);
  }
  return l;
}

type TextField = 'name' | 'email' | 'tax_id' | 'country__name';

function textOf(record: CustomerRecord, field: TextField): string | null {
  return field === 'country__name' ? record.countryName : record.attrs[field];
}

/** A django-filter lookup on a text field; `value` already cleaned (stripped) by the form. */
function textPredicate(field: TextField, lookup: string, value: string): Predicate {
  switch (lookup) {
    case '__in': {
      const values = new Set(value.split(',').map(pyStrip));
      return (r) => {
        const text = textOf(r, field);
        return text !== null && values.has(text);
      };
    }
    case '__contains':
      return (r) => textOf(r, field)?.includes(value) ?? false;
    case '__icontains': {
      const needle = value.toLowerCase();
      return (r) => lower(r)[field]?.includes(needle) ?? false;
    }
    default:
      return (r) => textOf(r, field) === value;
  }
}

/**
 * django-filter: each filter's form field cleans its value; an empty value means "no filter";
 * any invalid value is a 400 listing every invalid filter in declaration order.
 */
function filterPredicates(query: QueryDict): Predicate[] {
  const predicates: Predicate[] = [];
  const errors: FieldErrors = {};
  for (const name of FILTER_NAMES) {
    const raw = query.get(name);
    if (raw === undefined) continue;
    const isText = name !== 'country' && name !== 'country__in' && !name.startsWith('created__');
    // forms.CharField strips; ModelChoiceField and the CSV of choices take the value as sent.
    const value = isText && !name.endsWith('__in') ? pyStrip(raw) : raw;
    if (value === '') continue;
    const checked = CustomerListQuery.shape[name].safeParse(value);
    if (!checked.success) {
      errors[name] = checked.error.issues.map((i) => i.message);
      continue;
    }
    if (name === 'country') {
      predicates.push((r) => r.attrs.country === value);
    } else if (name === 'country__in') {
      // Empty items clean to None, which an SQL IN never matches.
      const codes = new Set(value.split(',').filter(Boolean));
      predicates.push((r) => r.attrs.country !== null && codes.has(r.attrs.country));
    } else if (name.startsWith('created__')) {
      const instant = toInstantMicros(parseDjangoDateTime(pyStrip(value))!)!;
      predicates.push(name === 'created__gte' ? (r) => r.created >= instant : (r) => r.created <= instant);
    } else {
      const m = /^(country__name|name|email|tax_id)(__in|__exact|__contains|__icontains)?$/.exec(name)!;
      predicates.push(textPredicate(m[1] as TextField, m[2] ?? '', value));
    }
  }
  if (Object.keys(errors).length > 0) throw ApiError.validation(errors);
  return predicates;
}

/** SearchFilter over name, email and tax id: every term must appear in one of them (icontains). */
function searchPredicate(query: QueryDict): Predicate | undefined {
  const value = query.get('search') ?? '';
  // CharField(trim_whitespace=False, allow_blank=True).run_validation(value): a ValidationError
  // outside a serializer, so DRF answers a bare list.
  if (value !== '' && hasNullCharacter(value)) throw new ApiError({ kind: 'bad_request', reason: 'null_characters' });
  const terms = searchTerms(value).map((t) => t.toLowerCase());
  if (terms.length === 0) return undefined;
  return (r) => {
    const l = lower(r);
    return terms.every((t) => l.name.includes(t) || (l.email?.includes(t) ?? false) || (l.tax_id?.includes(t) ?? false));
  };
}

interface OrderTerm {
  field: OrderField;
  descending: boolean;
}

/** OrderingFilter: comma-separated terms, invalid ones dropped; none valid → the default. */
function ordering(query: QueryDict): OrderTerm[] {
  const param = query.get('ordering');
  const terms = (param ? param.split(',').map(pyStrip) : []).filter((t) =>
    (ORDERING_FIELDS as readonly string[]).includes(t.startsWith('-') ? t.slice(1) : t),
  );
  return (terms.length > 0 ? terms : [DEFAULT_ORDERING]).map((t) => ({
    field: (t.startsWith('-') ? t.slice(1) : t) as OrderField,
    descending: t.startsWith('-'),
  }));
}

/**
 * The sandbox's records in the order of one term: the pre-sorted seeded records (those the
 * sandbox replaced skipped) merged with the sandbox's own, sorted.
 */
function* ordered(sandbox: Sandbox, term: OrderTerm): Generator<CustomerRecord> {
  const base = sandbox.base.sortedBy(term.field);
  const own = sandbox.ownSortedBy(term.field);
  const changed = sandbox.changed;
  const compare = ascending[term.field];
  const sign = term.descending ? -1 : 1;
  const step = term.descending ? -1 : 1;
  let i = term.descending ? base.length - 1 : 0;
  let j = term.descending ? own.length - 1 : 0;
  const inBase = (k: number) => k >= 0 && k < base.length;
  const inOwn = (k: number) => k >= 0 && k < own.length;
  for (;;) {
    while (inBase(i) && changed.has(base[i].id)) i += step;
    if (!inBase(i) && !inOwn(j)) return;
    if (!inOwn(j) || (inBase(i) && sign * compare(base[i], own[j]) <= 0)) {
      yield base[i];
      i += step;
    } else {
      yield own[j];
      j += step;
    }
  }
}

interface Window {
  count: number;
  page: (offset: number, limit: number) => CustomerRecord[];
}

function select(sandbox: Sandbox, predicates: Predicate[], terms: OrderTerm[]): Window {
  if (terms.length === 1 && predicates.length === 0) {
    const term = terms[0];
    return {
      count: sandbox.customers.size,
      page(offset, limit) {
        if (sandbox.changed.size === 0) {
          const base = sandbox.base.sortedBy(term.field);
          if (!term.descending) return base.slice(offset, offset + limit);
          const end = base.length - offset;
          return base.slice(Math.max(0, end - limit), Math.max(0, end)).reverse();
        }
        const out: CustomerRecord[] = [];
        let k = 0;
        for (const record of ordered(sandbox, term)) {
          if (k++ < offset) continue;
          if (out.length === limit) break;
          out.push(record);
        }
        return out;
      },
    };
  }
  const matches =
    predicates.length === 1
      ? predicates[0]
      : (r: CustomerRecord) => {
          for (const p of predicates) if (!p(r)) return false;
          return true;
        };
  let rows: CustomerRecord[];
  if (terms.length === 1 && sandbox.changed.size === 0) {
    // The common case, kept to a plain loop over the pre-sorted seeded records.
    const base = sandbox.base.sortedBy(terms[0].field);
    rows = [];
    if (terms[0].descending) {
      for (let i = base.length - 1; i >= 0; i--) if (matches(base[i])) rows.push(base[i]);
    } else {
      for (let i = 0; i < base.length; i++) if (matches(base[i])) rows.push(base[i]);
    }
  } else if (terms.length === 1) {
    rows = [];
    for (const record of ordered(sandbox, terms[0])) if (matches(record)) rows.push(record);
  } else {
    rows = [...sandbox.customers.values()].filter(matches);
    rows.sort((a, b) => {
      for (const t of terms) {
        const d = byField[t.field](a, b);
        if (d !== 0) return t.descending ? -d : d;
      }
      return a.seq - b.seq;
    });
  }
  return { count: rows.length, page: (offset, limit) => rows.slice(offset, offset + limit) };
}

/** PageNumberPagination.get_page_size: invalid, zero or negative → default; capped at the max. */
function pageSize(query: QueryDict): number {
  const raw = query.get('page_size');
  const n = raw === undefined ? undefined : pyInt(raw);
  if (n === undefined || n <= 0) return DEFAULT_PAGE_SIZE;
  return Math.min(n, MAX_PAGE_SIZE);
}

/** The list's JSON body; `base` is the request's absolute URL without its query. */
export function listCustomers(sandbox: Sandbox, query: QueryDict, base: string): string {
  const predicates = filterPredicates(query);
  const search = searchPredicate(query);
  if (search) predicates.push(search);
  const window = select(sandbox, predicates, ordering(query));

  const size = pageSize(query);
  const numPages = Math.max(1, Math.ceil(window.count / size));
  const requested = query.get('page') || '1';
  // Django's Paginator.validate_number: int(), at least 1, at most the last page.
  const number = requested === 'last' ? numPages : pyInt(requested);
  if (number === undefined || number < 1 || number > numPages) throw new ApiError({ kind: 'invalid_page' });

  const next = number < numPages ? withQueryParam(base, query, 'page', String(number + 1)) : null;
  // The link back to page 1 drops `page` altogether (remove_query_param).
  const previous =
    number > 1 ? withQueryParam(base, query, 'page', number - 1 === 1 ? undefined : String(number - 1)) : null;
  const results = window.page((number - 1) * size, size).map(recordJson).join(',');
  return `{"count":${window.count},"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)},"results":[${results}]}`;
}
