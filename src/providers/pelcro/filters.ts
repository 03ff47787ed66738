/**
 * Pelcro's beta filters on the customer list (docs.pelcro.com "Filtering and Sorting"):
 * `filter[ATTRIBUTE]=OPERATOR:VALUE[,VALUE…]` on `email`, `first_name`, `last_name`, `metadata.KEY`
 * (operators eq, oreq, like, orlike; eq when none is given) and `filter[metadata]=has:KEY` (has, orhas).
 *
 * Filters apply in query order like chained Laravel `where`/`orWhere` calls, so SQL precedence
 * holds: `a AND b OR c` is `(a AND b) OR c`. The values of one filter are alternatives (`IN`, or
 * one LIKE per value). Text columns compare case-insensitively (MySQL `_ci` collations); metadata
 * values, read through JSON, compare case-sensitively. Both are **guesses**.
 */
import {
  FILTER_ATTRIBUTES,
  laravel,
  METADATA_OPERATORS,
  VALUE_OPERATORS,
  type Customer,
  type FilterOperator,
} from '../../../contracts/pelcro/schemas';
import { compileLike, MAX_LIKE_FILTER_LENGTH } from '../../core/like';
import type { ErrorBag } from './validation';

export interface Clause {
  /** Joined to the clauses before it with OR (an or-operator) rather than AND. */
  or: boolean;
  test(customer: Customer): boolean;
}

const FILTERABLE = `${FILTER_ATTRIBUTES.join(', ')}, metadata.KEY and metadata`;

/** A metadata value at a dotted path, as text (JSON for objects), or undefined when absent. */
function metadataText(metadata: Record<string, unknown>, path: readonly string[]): string | undefined {
  let node: unknown = metadata;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (node === null || node === undefined) return undefined;
  return typeof node === 'object' ? JSON.stringify(node) : String(node);
}

function valueTest(read: (c: Customer) => string | null | undefined, operator: FilterOperator, values: string[], ci: boolean) {
  if (operator === 'like' || operator === 'orlike') {
    const matchers = values.map((v) => compileLike(v, { caseInsensitive: ci, contains: true }));
    return (c: Customer) => {
      const text = read(c);
      return text != null && matchers.some((matches) => matches(text));
    };
  }
  const wanted = new Set(values.map((v) => (ci ? v.toLowerCase() : v)));
  return (c: Customer) => {
    const text = read(c);
    return text != null && wanted.has(ci ? text.toLowerCase() : text);
  };
}

/** Splits `OPERATOR:VALUE`; a leading word followed by a colon is always read as an operator. */
function splitOperator(raw: string): { operator: string; rest: string } {
  const match = /^([A-Za-z]+):(.*)$/s.exec(raw);
  return match ? { operator: match[1], rest: match[2] } : { operator: 'eq', rest: raw };
}

/** The `filter` input as clauses, or undefined with each malformed filter recorded in `bag`. */
export function parseFilters(filter: unknown, bag: ErrorBag): Clause[] | undefined {
  if (filter === undefined || filter === null) return [];
  if (typeof filter !== 'object') {
    bag.add('filter', laravel.array('filter'));
    return undefined;
  }
  const clauses: Clause[] = [];
  let ok = true;
  for (const [attribute, raw] of Object.entries(filter)) {
    const field = `filter.${attribute}`;
    const fail = (message: string) => {
      bag.add(field, message);
      ok = false;
    };
    const metadataPath = attribute.startsWith('metadata.') ? attribute.slice('metadata.'.length).split('.') : undefined;
    const isMetadataKeys = attribute === 'metadata';
    const isColumn = (FILTER_ATTRIBUTES as readonly string[]).includes(attribute);
    if (!isColumn && !isMetadataKeys && !(metadataPath && metadataPath.every((k) => k !== ''))) {
      fail(`The ${field} filter is not supported. Filterable attributes: ${FILTERABLE}.`);
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
      fail(`The ${field} operator "${operator}" is invalid. Valid operators: ${allowed.join(', ')}.`);
      continue;
    }
    if (operator.endsWith('like') && rest.length > MAX_LIKE_FILTER_LENGTH) {
      fail(laravel.maxString(field, MAX_LIKE_FILTER_LENGTH));
      continue;
    }
    const values = rest.split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0) {
      fail(laravel.filled(field));
      continue;
    }
    const op = operator as FilterOperator;
    const or = op.startsWith('or');
    if (isMetadataKeys) {
      clauses.push({ or, test: (c) => values.some((key) => Object.hasOwn(c.metadata, key) && c.metadata[key] !== null) });
    } else if (metadataPath) {
      clauses.push({ or, test: valueTest((c) => metadataText(c.metadata, metadataPath), op, values, false) });
    } else {
      const column = attribute as (typeof FILTER_ATTRIBUTES)[number];
      clauses.push({ or, test: valueTest((c) => c[column], op, values, true) });
    }
  }
  return ok ? clauses : undefined;
}

/** Whether a customer passes the clauses, with AND binding tighter than OR. */
export function matchesAll(clauses: readonly Clause[], customer: Customer): boolean {
  let group = true;
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i];
    if (clause.or && i > 0) {
      if (group) return true;
      group = true;
    }
    if (group) group = clause.test(customer);
  }
  return group;
}
