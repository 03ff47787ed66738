/**
 * Hand-written customers from the scenario (`piriod.fixtures`), added after the generated ones.
 * Each is a create body (checked by the same schema as POST, so it is stored exactly as the API
 * would store it) plus optional `id`, `created` and `updated`. A bad fixture fails at start.
 */
import { z } from 'zod';
import { parseInstantMicros } from '../../../core/clock';
import { createRng, randomId } from '../../../core/random';
import { CUSTOMER_ID_PATTERN, customerWriteSchemas } from '../../../../contracts/piriod/schemas';
import { CustomerRecord, EMPTY_RELATED, applyWrite, type StoredAttrs } from '../customers/store';
import { fieldErrors, parseWrite } from '../customers/handlers';
import { customerView } from '../customers/render';
import { SEED_REFERENCE_MICROS } from './index';

const Instant = z.string().refine((v) => parseInstantMicros(v) !== undefined, 'must be an ISO 8601 instant with an offset');
const FixtureExtras = z.object({
  id: z.string().regex(CUSTOMER_ID_PATTERN).optional(),
  created: Instant.optional(),
  updated: Instant.optional(),
});

export interface ParsedFixture {
  id?: string;
  created?: number;
  updated?: number;
  attrs: StoredAttrs;
}

/** The scenario's fixtures checked as create bodies of a workspace in `accountCountry`. */
export function parseFixtures(fixtures: readonly Record<string, unknown>[], accountCountry?: string): ParsedFixture[] {
  const create = customerWriteSchemas(accountCountry).create;
  return fixtures.map((fixture, i) => {
    const extras = FixtureExtras.safeParse(fixture);
    const body = parseWrite(create, fixture);
    const problems = {
      ...(extras.success ? {} : fieldErrors(extras.error.issues)),
      ...(body.success ? {} : fieldErrors(body.error.issues)),
    };
    if (!extras.success || !body.success) {
      throw new Error(`scenario fixture piriod.fixtures[${i}] is not a valid Piriod customer: ${JSON.stringify(problems)}`);
    }
    const { id, created, updated } = extras.data;
    return {
      id,
      created: created === undefined ? undefined : parseInstantMicros(created),
      updated: updated === undefined ? undefined : parseInstantMicros(updated),
      attrs: applyWrite(undefined, body.data),
    };
  });
}

/** The fixtures as records, after `taken` ids; sequence numbers continue from `firstSeq`. */
export function fixtureRecords(fixtures: readonly ParsedFixture[], seed: number, taken: Set<string>, firstSeq: number): CustomerRecord[] {
  const rng = createRng(`piriod:fixtures:${seed}`);
  return fixtures.map((fixture, i) => {
    let id = fixture.id ?? randomId(rng, 'cus_', 20);
    while (!fixture.id && taken.has(id)) id = randomId(rng, 'cus_', 20);
    if (taken.has(id)) throw new Error(`scenario fixture piriod.fixtures[${i}] repeats the id ${id}`);
    taken.add(id);
    const created = fixture.created ?? SEED_REFERENCE_MICROS;
    const record = new CustomerRecord(
      id,
      fixture.attrs,
      EMPTY_RELATED,
      created,
      Math.max(created, fixture.updated ?? created),
      firstSeq + i,
    );
    customerView(record); // a fixture is checked by the Customer schema at once: it fails at start
    return record;
  });
}
