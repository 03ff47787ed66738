/**
 * Hand-written customers from the scenario (`piriod.fixtures`), added after the generated ones.
 * Each is a create body (checked by the same schema as POST, so it is stored exactly as the API
 * would store it) plus optional `id`, `created` and `updated`, and the objects it owns: `contacts`
 * and `sources`, each as the API renders it (the contract's Contact and Source), with `id`,
 * `customer`, `created` and `updated` optional (filled in). A bad fixture fails at start.
 */
import { z } from 'zod';
import { parseInstantMicros } from '../../../core/clock';
import { createRng, randomId } from '../../../core/random';
import {
  CONTACT_ID_PATTERN,
  CUSTOMER_ID_PATTERN,
  Contact,
  SOURCE_ID_PATTERN,
  Source,
  customerWriteSchemas,
} from '../../../../contracts/piriod/schemas';
import {
  CustomerRecord,
  EMPTY_RELATED,
  applyWrite,
  type Related,
  type StoredAttrs,
  type StoredContact,
  type StoredSource,
} from '../customers/store';
import { fieldErrors, parseWrite } from '../customers/handlers';
import { checkedView } from '../customers/render';
import { SEED_REFERENCE_MICROS } from './index';

const Instant = z.string().refine((v) => parseInstantMicros(v) !== undefined, 'must be an ISO 8601 instant with an offset');
// The owner is the fixture's customer; a contact without an org unit has none.
const FixtureContact = Contact.partial({ id: true, customer: true, orgunit: true, created: true, updated: true })
  .extend({ id: z.string().regex(CONTACT_ID_PATTERN).optional(), created: Instant.optional(), updated: Instant.optional() })
  .strict();
// A source's `usage` defaults to reusable, the kind a customer's `sources` field lists (a guess:
// a fixture's source is one the customer keeps).
const FixtureSource = Source.partial({ id: true, customer: true, usage: true, created: true, updated: true })
  .extend({ id: z.string().regex(SOURCE_ID_PATTERN).optional(), created: Instant.optional(), updated: Instant.optional() })
  .strict();
const FixtureExtras = z.object({
  id: z.string().regex(CUSTOMER_ID_PATTERN).optional(),
  created: Instant.optional(),
  updated: Instant.optional(),
  contacts: z.array(FixtureContact).default([]),
  sources: z.array(FixtureSource).default([]),
});

export interface ParsedFixture {
  id?: string;
  created?: number;
  updated?: number;
  attrs: StoredAttrs;
  contacts: z.infer<typeof FixtureContact>[];
  sources: z.infer<typeof FixtureSource>[];
}

/** The scenario's fixtures checked as create bodies of a workspace in `accountCountry`. */
export function parseFixtures(fixtures: readonly Record<string, unknown>[], accountCountry?: string): ParsedFixture[] {
  const create = customerWriteSchemas(accountCountry).create;
  return fixtures.map((fixture, i) => {
    const extras = FixtureExtras.safeParse(fixture);
    const { contacts: _contacts, sources: _sources, ...customer } = fixture;
    const body = parseWrite(create, customer);
    const problems = {
      ...(extras.success ? {} : fieldErrors(extras.error.issues)),
      ...(body.success ? {} : fieldErrors(body.error.issues)),
    };
    if (!extras.success || !body.success) {
      throw new Error(`scenario fixture piriod.fixtures[${i}] is not a valid Piriod customer: ${JSON.stringify(problems)}`);
    }
    const { id, created, updated, contacts, sources } = extras.data;
    return {
      id,
      created: created === undefined ? undefined : parseInstantMicros(created),
      updated: updated === undefined ? undefined : parseInstantMicros(updated),
      attrs: applyWrite(undefined, body.data),
      contacts,
      sources,
    };
  });
}

/**
 * The fixtures as records, after the records `taken` already holds (by id), to which each is added;
 * sequence numbers continue from `firstSeq`.
 */
export function fixtureRecords(
  fixtures: readonly ParsedFixture[],
  seed: number,
  taken: Map<string, CustomerRecord>,
  firstSeq: number,
): CustomerRecord[] {
  const rng = createRng(`piriod:fixtures:${seed}`);
  return fixtures.map((fixture, i) => {
    let id = fixture.id ?? randomId(rng, 'cus_', 20);
    while (!fixture.id && taken.has(id)) id = randomId(rng, 'cus_', 20);
    if (taken.has(id)) throw new Error(`scenario fixture piriod.fixtures[${i}] repeats the id ${id}`);
    const created = fixture.created ?? SEED_REFERENCE_MICROS;
    const instants = (o: { created?: string; updated?: string }) => {
      const at = o.created === undefined ? created : parseInstantMicros(o.created)!;
      return { created: at, updated: Math.max(at, o.updated === undefined ? at : parseInstantMicros(o.updated)!) };
    };
    const related: Related =
      fixture.contacts.length === 0 && fixture.sources.length === 0
        ? EMPTY_RELATED
        : {
            aggregations: EMPTY_RELATED.aggregations,
            testMode: false,
            contacts: fixture.contacts.map(
              (c): StoredContact => ({
                ...c,
                id: c.id ?? randomId(rng, 'con_', 20),
                customer: id,
                orgunit: c.orgunit ?? null,
                ...instants(c),
              }),
            ),
            sources: fixture.sources.map(
              (src): StoredSource => ({
                ...src,
                id: src.id ?? randomId(rng, 'sou_', 20),
                customer: id,
                usage: src.usage ?? 'reusable',
                ...instants(src),
              }),
            ),
          };
    const record = new CustomerRecord(id, fixture.attrs, related, created, Math.max(created, fixture.updated ?? created), firstSeq + i);
    checkedView(record); // a fixture is checked by the Customer schema at once: it fails at start
    taken.set(id, record);
    return record;
  });
}
